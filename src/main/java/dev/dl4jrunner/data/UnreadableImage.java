package dev.dl4jrunner.data;

import java.nio.file.Path;

/** An image file that cannot be decoded, and why; it is left out of training and listed in the run directory. */
public record UnreadableImage(Path path, String reason) {
}
