package dev.dl4jrunner.cli;

import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.run.RunSummary;
import dev.dl4jrunner.train.TrainingFailedException;
import dev.dl4jrunner.train.TrainingRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code train} and {@code resume} tell the user at the end of a run, and the exit code that goes with it. */
final class TrainingOutcome {
    private TrainingOutcome() {
    }

    /** Prints how the run ended; an interrupted run ends the command with {@link ExitCode#INTERRUPTED}. */
    static int report(TrainingRun.Result result, PrintWriter out) {
        RunSummary summary = result.summary();
        if (summary.status() == RunStatus.INTERRUPTED) {
            throw new RunnerException(ExitCode.INTERRUPTED, "The run stopped " + result.state().describe()
                    + " and can continue from there with:\n  " + resumeCommand(result));
        }
        if (summary.epochsCompleted() > 0) {
            out.printf(Locale.ROOT, "Completed %d epoch%s%s at %.1f img/s. Best epoch by %s: %d, with val_loss %.4f "
                            + "and val_accuracy %.4f%n",
                    summary.epochsCompleted(), summary.epochsCompleted() == 1 ? "" : "s",
                    summary.stoppedEarly() ? " (stopped early)" : "", summary.imagesPerSecond(),
                    summary.bestMetric(), summary.bestEpoch(), summary.bestValLoss(), summary.bestValAccuracy());
        }
        out.println("Run directory: " + result.run().path());
        out.flush();
        return ExitCode.OK;
    }

    static RunnerException failed(TrainingFailedException e) {
        return new RunnerException(ExitCode.TRAINING_FAILED, "Training failed: " + e.getMessage()
                + "\nEverything written so far is in " + e.run().path() + " (summary.json: status failed).", e);
    }

    /** A run directory file could not be written before training began (a full disk, for instance). */
    static RunnerException cannotWrite(IOException e) {
        return new RunnerException(ExitCode.TRAINING_FAILED, "Training could not start: " + e.getMessage(), e);
    }

    private static String resumeCommand(TrainingRun.Result result) {
        return runnerCommand() + " resume " + result.run().path();
    }

    /** How this runner was started: {@code java -jar <its jar>}, or {@code runner} outside a jar. */
    private static String runnerCommand() {
        try {
            Path location = Path.of(TrainingOutcome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (location.getFileName().toString().endsWith(".jar")) {
                Path relative = Path.of("").toAbsolutePath().relativize(location);
                return "java -jar " + (relative.startsWith("..") ? location : relative);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall through to the generic name.
        }
        return "runner";
    }
}
