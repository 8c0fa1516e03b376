package dev.dl4jrunner.spark;

import dev.dl4jrunner.cli.Cli;
import dev.dl4jrunner.cli.SparkTrainCommand;
import picocli.CommandLine;

/**
 * Entry point of {@code runner-spark.jar} under {@code spark-submit}:
 * {@code spark-submit --class dev.dl4jrunner.spark.SparkMain runner-spark.jar EXPERIMENT.yaml [--set ...]}.
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(Cli.withErrorHandling(new CommandLine(new SparkTrainCommand())).execute(args));
    }
}
