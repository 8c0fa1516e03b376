package dev.dl4jrunner.cli;

import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.data.ImageCheck;
import dev.dl4jrunner.data.ImageFiles;
import dev.dl4jrunner.infer.KaggleSubmission;
import dev.dl4jrunner.infer.Prediction;
import dev.dl4jrunner.infer.PredictionFiles;
import dev.dl4jrunner.infer.PredictionFormat;
import dev.dl4jrunner.infer.Predictor;
import dev.dl4jrunner.infer.TrainedModel;
import dev.dl4jrunner.infer.TrainedRun;
import dev.dl4jrunner.model.Backend;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code runner predict RUN_DIR IMAGES...}: classifies new images with a trained run. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Classifies images with a trained run and writes one row per image: its path, the predicted "
                + "class and the probability of each class. Images are prepared exactly as the run's config says, "
                + "in batches prefetched while the network works; unreadable images are named and skipped.",
                "--format kaggle writes Kaggle's Dogs vs. Cats submission: id,label with the probability of dog "
                        + "(the second class), the id from file names like 123.jpg."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Predicted (images that cannot be read are skipped and named).",
                "1:The output file could not be written.",
                "2:Bad command line or checkpoint, a missing file, no readable image, or file names --format kaggle "
                        + "cannot take an id from.",
                "3:No run directory at RUN_DIR.",
                "4:Internal error, or the ND4J backend cannot run on this machine."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/2026-11-28_16-52-54_vgg16-small.")
    private Path runDir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGES",
            description = "Image files to classify, and directories: their .jpg, .jpeg and .png files, also in "
                    + "sub-directories, in natural order (2.jpg before 10.jpg).")
    private List<Path> images;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write; default: predictions.csv, predictions.json or submission.csv (kaggle) in "
                    + "the working directory. Replaced if it exists.")
    private Path outFile;

    @Option(names = "--format", paramLabel = "csv|json|kaggle", defaultValue = "csv",
            description = "csv (default): path,predicted,<class>...; json: the same with the run and the skipped "
                    + "images; kaggle: id,label for the Dogs vs. Cats competition.")
    private String format;

    @Mixin
    private ModelOptions modelOptions;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() {
        PredictionFormat outputFormat = parseFormat();
        modelOptions.validate(spec);
        Path out = outFile != null ? outFile : Path.of(outputFormat.defaultFile());
        PrintWriter console = spec.commandLine().getOut();
        Backend.start();
        TrainedRun run = InferenceStep.orFail(() -> TrainedRun.open(runDir, Path.of("").toAbsolutePath()));
        ImageFiles found = InferenceStep.orFail(() -> ImageFiles.collect(images));
        if (found.images().isEmpty()) {
            throw new RunnerException(ExitCode.BAD_INPUT, "No .jpg, .jpeg or .png files in " + images.stream()
                    .map(Path::toString).collect(Collectors.joining(", ")));
        }
        if (outputFormat == PredictionFormat.KAGGLE) {
            InferenceStep.orFail(() -> {
                KaggleSubmission.requireUsable(run.classes(), found.images());
                return null;
            });
        }
        console.printf(Locale.ROOT, "Checking %d image%s%s%n", found.images().size(),
                found.images().size() == 1 ? "" : "s", found.ignored().isEmpty() ? ""
                        : " (ignoring " + found.ignored().size() + " other files: not .jpg, .jpeg or .png)");
        console.flush();
        ImageCheck.Result check = ImageCheck.files(found.images());
        EvaluateCommand.reportBad(console, check.bad());
        Set<Path> bad = check.bad().stream().map(BadImage::path).collect(Collectors.toSet());
        List<Path> usable = found.images().stream().filter(file -> !bad.contains(file)).toList();
        if (usable.isEmpty()) {
            throw new RunnerException(ExitCode.BAD_INPUT, "None of the " + bad.size() + " images can be read");
        }
        TrainedModel model = modelOptions.load(run);
        console.printf(Locale.ROOT, "Predicting %d images with run %s, checkpoint %s%n", usable.size(), run.id(),
                model.describe());
        console.flush();
        Predictor.Result result = modelOptions.predictor(model, run).predict(usable, new InferenceProgress(console));
        try {
            PredictionFiles.write(out, outputFormat, run, model, result.predictions(), check.bad());
        } catch (IOException e) {
            throw new RunnerException(ExitCode.TRAINING_FAILED, "The predictions could not be saved: "
                    + e.getMessage(), e);
        }
        console.printf(Locale.ROOT, "Predicted %d images in %.1f s: %.1f images/s (the network alone: %.1f images/s)%n",
                result.predictions().size(), result.seconds(), result.imagesPerSecond(),
                result.networkImagesPerSecond());
        console.println("Predicted classes: " + perClass(run.classes(), result.predictions()));
        if (outputFormat == PredictionFormat.KAGGLE && !bad.isEmpty()) {
            console.printf(Locale.ROOT, "Warning: the submission has no row for the %d skipped image%s; Kaggle "
                    + "expects one row per test image%n", bad.size(), bad.size() == 1 ? "" : "s");
        }
        console.println("Predictions (" + outputFormat.name().toLowerCase(Locale.ROOT) + "): " + out.toAbsolutePath());
        console.flush();
        return ExitCode.OK;
    }

    private PredictionFormat parseFormat() {
        try {
            return PredictionFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, json or kaggle, found " + format);
        }
    }

    private static String perClass(List<String> classes, List<Prediction> predictions) {
        int[] counts = new int[classes.size()];
        predictions.forEach(p -> counts[p.predicted()]++);
        return IntStream.range(0, classes.size()).mapToObj(c -> counts[c] + " " + classes.get(c))
                .collect(Collectors.joining(", "));
    }
}
