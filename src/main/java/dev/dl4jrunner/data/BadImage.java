package dev.dl4jrunner.data;

import java.nio.file.Path;

/**
 * An image file that cannot be used, and why (unreadable, not JPEG or PNG, truncated, too large, cannot be
 * decoded); training skips it and lists it in the run directory, or refuses to start.
 */
public record BadImage(Path path, String reason) {
}
