package dev.dl4jrunner.data;

/**
 * An image that passed the check, with what the check learned about it.
 *
 * @param image  the file and its label
 * @param bytes  the file size
 * @param header format, size and colour type
 * @param sha256 hex SHA-256 of the file's bytes, to find duplicates
 */
public record CheckedImage(LabeledImage image, long bytes, ImageHeader header, String sha256) {
}
