package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.SparkConfig;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.spark.SparkClusterTrainer;
import dev.dl4jrunner.spark.SparkContexts;
import dev.dl4jrunner.train.DistributedTrainingRun;
import dev.dl4jrunner.train.StopRequest;
import dev.dl4jrunner.train.TrainingFailedException;
import dev.dl4jrunner.train.TrainingRun;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code runner-spark.jar EXPERIMENT.yaml} under {@code spark-submit}: trains the experiment on the Spark cluster
 * into a new run directory on the driver, the same directory a local run writes.
 */
@Command(name = "runner-spark", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Trains a VGG16 image classifier from a YAML experiment file on Spark, into a new run "
                + "directory on the driver. Run it with spark-submit --class dev.dl4jrunner.spark.SparkMain; the "
                + "experiment's spark section sets how the workers train, spark.master the master if spark-submit "
                + "does not."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Training completed.",
                "1:Training started but failed; the run directory keeps what was written.",
                "2:Bad command line, experiment file or data directory, or no Spark master; nothing was written.",
                "4:Internal error, or the ND4J backend cannot run on this machine.",
                "130:Interrupted by Ctrl-C or SIGTERM after the current epoch's checkpoint."})
public final class SparkTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file to train.")
    private Path experiment;

    @Mixin
    private ExperimentOptions experimentOptions;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "The directory on the driver that receives the run directory (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() {
        ExperimentConfig loaded = experimentOptions.load(experiment);
        // The run records the Spark settings it trained with, defaults included.
        ExperimentConfig config = loaded.withSpark(loaded.spark().orElse(SparkConfig.DEFAULTS));
        String master = SparkContexts.master(config).orElseThrow(() -> new RunnerException(ExitCode.BAD_INPUT,
                "No Spark master: run under spark-submit --master URL, or set spark.master in " + experiment
                        + " (--set spark.master=local[2] trains in this JVM)"));
        Backend.start();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Checking the images of %s%n", config.data().dir());
        out.flush();
        TrainingData data = DataStep.orFail(() -> TrainingData.prepare(config.data(), config.seed()));
        StopRequest stop = new StopRequest();
        try (JavaSparkContext spark = SparkContexts.start(config, master);
             InterruptSignals ignored = InterruptSignals.install(stop)) {
            TrainingRun.Result result = DistributedTrainingRun.start(
                    new TrainingRun.Request(config, experiment, experimentOptions.overrides(), runsDir), data,
                    new SparkClusterTrainer(spark, config), stop);
            if (result.summary().status() == RunStatus.INTERRUPTED) {
                throw new RunnerException(ExitCode.INTERRUPTED, "The run stopped " + result.state().describe()
                        + "; it can continue on one machine with:\n  java -jar runner.jar resume " + result.run().path());
            }
            return TrainingOutcome.report(result, out);
        } catch (RunDirectory.CannotCreateException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage() + " (choose another with --runs-dir DIR)", e);
        } catch (TrainingFailedException e) {
            throw TrainingOutcome.failed(e);
        } catch (IOException e) {
            throw TrainingOutcome.cannotWrite(e);
        }
    }
}
