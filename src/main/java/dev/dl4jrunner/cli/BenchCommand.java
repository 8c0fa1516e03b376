package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dl4jrunner.bench.BenchResult;
import dev.dl4jrunner.bench.Benchmark;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.ImageDataset;
import dev.dl4jrunner.launch.ProcessTuning;
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
import java.util.stream.Collectors;

/** {@code runner bench EXPERIMENT.yaml}: how fast the experiment's model trains and predicts here. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measures the experiment's model on its own images, without training a run or writing anything: "
                + "training and inference images/s (medians over timed iterations after warm-up, on batches "
                + "already in memory), the input pipeline alone, time from the command's start to the first finished "
                + "iteration, peak memory, and the arithmetic rate against this machine's GEMM peak.",
                "Absolute numbers on a shared machine are noisy; compare ratios measured back to back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Measured.", "2:Bad command line, experiment file or data directory.", "4:Internal error."})
final class BenchCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment YAML file whose model to measure.")
    private Path experiment;

    @Mixin
    private ExperimentOptions experimentOptions;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
            description = "Iterations run before timing starts (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private String format;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        if (iterations < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1 and --warmup at least 0");
        }
        Format output = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new ParameterException(spec.commandLine(), "--format must be text or json, found '"
                    + format + "'");
        };
        ExperimentConfig config = experimentOptions.load(experiment);
        DatasetSplit split = DataStep.orFail(() -> DatasetSplit.stratified(ImageDataset.discover(config.data()),
                config.data().split(), config.data().limitPerClass(), config.seed()));
        BenchResult result = new Benchmark(config, split, warmup, iterations).run(config.name());
        PrintWriter out = spec.commandLine().getOut();
        if (output == Format.JSON) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            print(result, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void print(BenchResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "Benchmark of %s: %dx%dx%d, dense %s, batch %d; medians of %d iterations after %d "
                        + "warm-up%n", r.experiment(), r.inputShape().get(0), r.inputShape().get(1),
                r.inputShape().get(2), r.dense(), r.batchSize(), r.timedIterations(), r.warmupIterations());
        out.println("Backend: " + r.backend());
        ProcessTuning.advice().ifPresent(out::println);
        out.printf(Locale.ROOT, "Training          %8.1f images/s%n", r.trainImagesPerSecond());
        out.printf(Locale.ROOT, "Inference         %8.1f images/s%n", r.inferenceImagesPerSecond());
        out.printf(Locale.ROOT, "Input pipeline    %8.1f images/s (decode, resize, scale; one thread)%n",
                r.pipelineImagesPerSecond());
        out.printf(Locale.ROOT, "First iteration   %8.1f s after the command started (%s)%s%n",
                r.secondsToFirstIteration(), r.startupSeconds().entrySet().stream()
                        .map(phase -> String.format(Locale.ROOT, "%s %.1f", phase.getKey().replace('_', ' '),
                                phase.getValue()))
                        .collect(Collectors.joining(", ")),
                r.heapWarmedBytes() == 0 ? "" : String.format(Locale.ROOT,
                        "; %.2f GiB of native memory written ahead of it", gib(r.heapWarmedBytes())));
        out.printf(Locale.ROOT, "Peak memory       %8.2f GiB resident, of which %.2f GiB Java heap at its peak; the rest "
                        + "is ND4J's off-heap arrays, native code and the JVM%s%n",
                gib(r.peakResidentBytes()), gib(r.peakHeapBytes()), r.estimatedTrainingBytes() == 0 ? ""
                        : String.format(Locale.ROOT, "; DL4J estimates %.2f GiB for training",
                                gib(r.estimatedTrainingBytes())));
        ProcessTuning.tcmallocHint().ifPresent(out::println);
        if (!r.nativeMemoryChange().isEmpty()) {
            out.println(r.nativeMemoryChange());
        }
        out.printf(Locale.ROOT, "Arithmetic        %8.3f GFLOP per image forward, %.3f training%n",
                r.forwardGflopPerImage(), r.trainingGflopPerImage());
        out.printf(Locale.ROOT, "Achieved          %8.1f GFLOP/s training, %.0f%% of the %.0f GFLOP/s GEMM peak%n",
                r.achievedGflops(), 100 * r.peakShare(), r.gemmPeakGflops());
        out.printf(Locale.ROOT, "Runner's loop     %+7.1f%% over a bare fit loop (listeners %+.1f%%, a %.1f s checkpoint per "
                        + "epoch)%n", 100 * r.loopOverheadShare(), 100 * r.listenerOverheadShare(),
                r.checkpointSeconds());
    }

    private static double gib(long bytes) {
        return bytes / (1024.0 * 1024 * 1024);
    }
}
