package dev.dl4jrunner.config;

/**
 * One problem found in an experiment file or its overrides.
 *
 * @param keyPath  the dotted key the problem concerns, {@code ""} when it concerns the whole file
 * @param message  a complete sentence without location, such as {@code training.epochs must be >= 1, found 0}
 * @param location where to look: {@code file:line:column}, {@code --set key=value} for an override, or just
 *                 the file when the problem has no position (a missing key)
 */
public record ConfigError(String keyPath, String message, String location) {
    @Override
    public String toString() {
        return message + " (" + location + ")";
    }
}
