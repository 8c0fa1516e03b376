package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.ConfigException;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --set} overrides and how an experiment is loaded, the same for every command that reads one. The
 * EXPERIMENT parameter stays with each command: the train command's must be optional, or picocli would demand it
 * before a subcommand too.
 */
final class ExperimentOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one key of the experiment, e.g. --set optimizer.learning_rate=1e-4; repeatable.")
    private List<String> overrides = new ArrayList<>();

    List<String> overrides() {
        return overrides;
    }

    /** The validated experiment; every problem of the file and the overrides ends the command with exit code 2. */
    ExperimentConfig load(Path experiment) {
        try {
            return ExperimentLoader.load(experiment, overrides, Path.of("").toAbsolutePath());
        } catch (ConfigException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }
}
