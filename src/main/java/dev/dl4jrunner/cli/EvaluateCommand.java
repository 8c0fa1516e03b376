package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.DataLayout;
import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.infer.EvaluationData;
import dev.dl4jrunner.infer.EvaluationFiles;
import dev.dl4jrunner.infer.EvaluationMetrics;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code runner evaluate RUN_DIR}: measures a trained run on labelled images and writes the results into it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Measures a trained run on labelled images: accuracy, precision, recall and F1 per class, "
                + "log loss, ROC AUC (two classes) and the confusion matrix. Images are prepared exactly as the run's "
                + "config says (input shape, scaling); bad images are skipped and named.",
                "Writes evaluations/NAME.json, evaluations/NAME-misclassified.csv (worst first) and "
                        + "evaluations/NAME-misclassified.png (the worst of them) into the run directory."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Evaluated.",
                "1:The results could not be written.",
                "2:Bad command line, checkpoint or data (an unknown class, no usable image); the message says which.",
                "3:No run directory at RUN_DIR.",
                "4:Internal error, or the ND4J backend cannot run on this machine."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory, e.g. runs/2026-11-28_16-52-54_vgg16-small.")
    private Path runDir;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory of labelled images, class from the file name (cat.1.jpg) or from folders "
                    + "(cat/1.jpg), with the run's class names. Default: the run's validation split (split/val.csv).")
    private Path data;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "auto",
            description = "How --data gives labels: auto (folders when it has sub-directories), prefix or folders.")
    private String layout;

    @Mixin
    private ModelOptions modelOptions;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Names the files under evaluations/; default: the data's name and the checkpoint's, "
                    + "e.g. val-best.")
    private String name;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() {
        DataLayout dataLayout = parseLayout();
        if (name != null && !EvaluationFiles.validName(name)) {
            throw new ParameterException(spec.commandLine(), "--name may contain only letters, digits, '.', '_' and "
                    + "'-', at most 100 characters, not starting with '.': " + name);
        }
        modelOptions.validate(spec);
        PrintWriter out = spec.commandLine().getOut();
        Backend.start();
        TrainedRun run = InferenceStep.orFail(() -> TrainedRun.open(runDir, Path.of("").toAbsolutePath()));
        out.println("Checking the images of " + (data == null ? run.directory().validationSplit() : data));
        out.flush();
        EvaluationData images = InferenceStep.orFail(() -> data == null ? EvaluationData.validationSplit(run)
                : EvaluationData.directory(run, data, dataLayout));
        reportBad(out, images.bad());
        if (images.images().isEmpty()) {
            throw new RunnerException(ExitCode.BAD_INPUT, "None of the " + images.bad().size() + " images of "
                    + images.source() + " can be used");
        }
        TrainedModel model = modelOptions.load(run);
        out.printf(Locale.ROOT, "Evaluating run %s, checkpoint %s, on %s%s: %s%n", run.id(), model.describe(),
                images.source(), images.layout().isEmpty() ? "" : " (" + images.layout() + " layout)",
                perClass(run.classes(), images.labels()));
        warnAboutSeenImages(out, images);
        out.flush();
        Predictor.Result result = modelOptions.predictor(model, run).predict(images.files(), new InferenceProgress(out));
        out.printf(Locale.ROOT, "Predicted %d images in %.1f s: %.1f images/s (the network alone: %.1f images/s)%n%n",
                result.predictions().size(), result.seconds(), result.imagesPerSecond(),
                result.networkImagesPerSecond());
        float[][] probabilities = result.predictions().stream().map(p -> p.probabilities()).toArray(float[][]::new);
        EvaluationMetrics metrics = EvaluationMetrics.of(run.classes(), images.labels(), probabilities);
        EvaluationFiles.Paths files = EvaluationFiles.paths(run.directory(),
                name != null ? name : EvaluationFiles.defaultName(images, model));
        try {
            EvaluationFiles.write(files, run, model, images, result, metrics);
        } catch (IOException e) {
            throw new RunnerException(ExitCode.TRAINING_FAILED, "The evaluation could not be saved: " + e.getMessage(), e);
        }
        new EvaluationPrinter(out).print(metrics, files);
        return ExitCode.OK;
    }

    private DataLayout parseLayout() {
        try {
            return DataLayout.valueOf(layout.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--layout must be auto, prefix or folders, found " + layout);
        }
    }

    static void reportBad(PrintWriter out, List<BadImage> bad) {
        if (bad.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "Skipping %d bad image%s:%n", bad.size(), bad.size() == 1 ? "" : "s");
        bad.forEach(image -> out.println("  " + image.path() + ": " + image.reason()));
    }

    private static String perClass(List<String> classes, int[] labels) {
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return labels.length + " images (" + java.util.stream.IntStream.range(0, classes.size())
                .mapToObj(c -> counts[c] + " " + classes.get(c)).collect(Collectors.joining(", ")) + ")";
    }

    private static void warnAboutSeenImages(PrintWriter out, EvaluationData images) {
        if (images.inTrainingSplit() > 0) {
            out.printf(Locale.ROOT, "Warning: %s in the run's training split; the model has learned %s, so these "
                    + "numbers overstate how well it does on new images%n", ofThese(images.inTrainingSplit()),
                    images.inTrainingSplit() == 1 ? "it" : "them");
        }
        if (images.inValidationSplit() > 0 && !images.isValidationSplit()) {
            out.printf(Locale.ROOT, "Note: %s in the run's validation split, which chose its best epoch (best.zip)%n",
                    ofThese(images.inValidationSplit()));
        }
    }

    private static String ofThese(int n) {
        return n + " of these images " + (n == 1 ? "is" : "are");
    }
}
