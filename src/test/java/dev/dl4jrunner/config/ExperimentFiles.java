package dev.dl4jrunner.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/** Writes experiment YAML into a test's temporary directory and loads it, relative to that directory. */
final class ExperimentFiles {
    /** The least a valid experiment sets: the required keys. */
    static final String MINIMAL = """
            name: test
            data:
              dir: images
            input:
              shape: [64, 64, 3]
            training:
              epochs: 3
            """;

    private final Path dir;

    ExperimentFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("x.yaml"), yaml);
    }

    ExperimentConfig load(String yaml, String... overrides) throws IOException, ConfigException {
        return ExperimentLoader.load(write(yaml), List.of(overrides), dir);
    }

    /** The exception's message, with the file named {@code x.yaml} as a user who typed it relative would see. */
    String errors(String yaml, String... overrides) throws IOException {
        return errorsOf(write(yaml), overrides);
    }

    String errorsOf(Path file, String... overrides) {
        try {
            ExperimentLoader.load(file, List.of(overrides), dir);
        } catch (ConfigException e) {
            return e.getMessage().replace(dir + File.separator, "");
        }
        return fail("expected a ConfigException");
    }
}
