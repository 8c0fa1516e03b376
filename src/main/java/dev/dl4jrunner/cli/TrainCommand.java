package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.ConfigYaml;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.ImageDataset;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ModelSummary;
import dev.dl4jrunner.model.Vgg16Factory;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.train.StopRequest;
import dev.dl4jrunner.train.TrainingFailedException;
import dev.dl4jrunner.train.TrainingRun;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code runner EXPERIMENT.yaml}: trains the experiment into a new run directory. */
@Command(name = "runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {
                "runner EXPERIMENT [--set KEY=VALUE]... [--runs-dir DIR] [--dry-run] [--stacktrace]",
                "runner COMMAND [ARGS]... (runner COMMAND --help for each)"},
        description = "Trains a VGG16 image classifier from a YAML experiment file into a new run directory.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Training completed (or --dry-run found no problem).",
                "1:Training started but failed; the run directory keeps what was written. evaluate, predict: the "
                        + "results could not be written.",
                "2:Bad command line, experiment file or data directory; nothing was written.",
                "3:resume, evaluate, predict: no run directory at the path given.",
                "4:Internal error, or the ND4J backend cannot run on this machine.",
                "130:Interrupted by Ctrl-C or SIGTERM after writing a checkpoint; `resume` continues the run."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Optional for picocli, so that {@code runner check-data ...} is not asked for it; {@link #call} requires it. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "EXPERIMENT",
            description = "The experiment YAML file to train.")
    private Path experiment;

    @Mixin
    private ExperimentOptions experimentOptions;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "The directory that receives the run directory (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    @Option(names = "--dry-run",
            description = "Validates the experiment and its data, prints the resolved config and the model summary, "
                    + "and exits without training.")
    private boolean dryRun;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        if (experiment == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'EXPERIMENT'");
        }
        ExperimentConfig config = experimentOptions.load(experiment);
        Backend.start();
        return dryRun ? dryRun(config) : train(config);
    }

    private int dryRun(ExperimentConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        DatasetSplit split = DataStep.orFail(() -> DatasetSplit.stratified(ImageDataset.discover(config.data()),
                config.data().split(), config.data().limitPerClass(), config.seed()));
        ComputationGraph graph = Vgg16Factory.build(config.model(), config.optimizer(), config.input(),
                split.classes().size(), config.seed());
        out.println("# Resolved experiment (" + experiment + ")");
        out.print(ConfigYaml.render(config));
        out.println();
        out.printf(Locale.ROOT, "Data: %d classes (%s), %d training and %d validation images%n",
                split.classes().size(), String.join(", ", split.classes()), split.train().size(),
                split.validation().size());
        out.println("Backend: " + Backend.describe());
        out.println();
        out.print(ModelSummary.render(graph, InputType.convolutional(
                config.input().height(), config.input().width(), config.input().channels())));
        out.println();
        out.println("Dry run: the experiment is valid; nothing was trained or written.");
        out.flush();
        return ExitCode.OK;
    }

    private int train(ExperimentConfig config) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Checking the images of %s%n", config.data().dir());
        out.flush();
        TrainingData data = DataStep.orFail(() -> TrainingData.prepare(config.data(), config.seed()));
        StopRequest stop = new StopRequest();
        try (InterruptSignals ignored = InterruptSignals.install(stop)) {
            return TrainingOutcome.report(TrainingRun.start(
                    new TrainingRun.Request(config, experiment, experimentOptions.overrides(), runsDir), data, stop), out);
        } catch (RunDirectory.CannotCreateException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage() + " (choose another with --runs-dir DIR)", e);
        } catch (TrainingFailedException e) {
            throw TrainingOutcome.failed(e);
        } catch (IOException e) {
            throw TrainingOutcome.cannotWrite(e);
        }
    }
}
