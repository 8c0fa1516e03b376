package dev.dl4jrunner.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An experiment that cannot be loaded, with every problem found in it at once.
 *
 * <p>The message is ready to show a user: a {@code file: N errors} header and one indented line per error.
 */
public final class ConfigException extends Exception {
    private final transient List<ConfigError> errors;

    ConfigException(String source, List<ConfigError> errors) {
        super(format(source, errors));
        this.errors = List.copyOf(errors);
    }

    /** The problems in the order they appear in the file, then those of overrides and missing keys. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(String source, List<ConfigError> errors) {
        String header = source + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors");
        return errors.stream().map(error -> "  " + error).collect(Collectors.joining("\n", header + "\n", ""));
    }
}
