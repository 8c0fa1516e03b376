package dev.dl4jrunner.cli;

import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.train.ResumeRefusedException;
import dev.dl4jrunner.train.Resumption;
import dev.dl4jrunner.train.StopRequest;
import dev.dl4jrunner.train.TrainingFailedException;
import dev.dl4jrunner.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code runner resume RUN_DIR}: continues a run in its own directory from its last checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Continues a run in its own directory from its last checkpoint: weights, optimizer state, "
                + "epoch and batch, metrics, best epoch, early stopping and UI statistics all carry on, and the "
                + "result is the same as if training had never stopped.",
                "Refuses a run whose config.yaml or images changed since it started, or that another process is "
                        + "still training."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Training completed.",
                "1:Training failed; the run directory keeps what was written, including the last checkpoint.",
                "2:The run cannot be resumed (changed config or data, already complete, being trained); the "
                        + "message says why.",
                "3:No run directory at RUN_DIR.",
                "4:Internal error, or the ND4J backend cannot run on this machine.",
                "130:Interrupted again after writing a checkpoint."})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/2026-11-28_16-52-54_vgg16-small.")
    private Path runDir;

    @Option(names = "--epochs", paramLabel = "N",
            description = "The run's new total number of epochs: more than it planned extends even a completed run.")
    private Integer epochs;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        if (epochs != null && epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, found " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Backend.start();
        StopRequest stop = new StopRequest();
        out.printf("Checking %s and its images%n", runDir);
        out.flush();
        try (Resumption resumption = Resumption.prepare(runDir,
                epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs), Path.of("").toAbsolutePath());
             InterruptSignals ignored = InterruptSignals.install(stop)) {
            return TrainingOutcome.report(TrainingRun.resume(resumption, stop), out);
        } catch (ResumeRefusedException e) {
            throw new RunnerException(e.notARun() ? ExitCode.MISSING_RUN : ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (TrainingFailedException e) {
            throw TrainingOutcome.failed(e);
        } catch (IOException e) {
            throw TrainingOutcome.cannotWrite(e);
        }
    }
}
