package dev.dl4jrunner.data;

import java.nio.file.Path;

/** A file in the data directory that training does not use, and why: worth a look, never an error. */
public record UnusedFile(Path path, String reason) {
}
