package dev.dl4jrunner.infer;

import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.SplitFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes an evaluation into the run directory: {@code evaluations/<name>.json} with every metric,
 * {@code evaluations/<name>-misclassified.csv} with every misclassified image, worst first, and
 * {@code evaluations/<name>-misclassified.png}, a contact sheet of the worst of them. Each file is replaced
 * atomically; evaluating the same data with the same checkpoint again replaces them.
 */
public final class EvaluationFiles {
    /** How many misclassified images the contact sheet shows at most. */
    static final int CONTACT_SHEET_IMAGES = 24;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Where the three files go. */
    public record Paths(Path json, Path misclassifiedCsv, Path contactSheet) {
    }

    private EvaluationFiles() {
    }

    /** {@code val-best}, {@code holdout-last}: the data's name and the checkpoint's, reduced to safe characters. */
    public static String defaultName(EvaluationData data, TrainedModel model) {
        String name = (data.name() + "-" + model.label()).replaceAll("[^A-Za-z0-9._-]+", "_");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /** Whether {@code name} can name evaluation files: letters, digits, '.', '_', '-', at most 100 characters. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches() && !name.startsWith(".");
    }

    public static Paths paths(RunDirectory run, String name) {
        Path dir = run.path().resolve("evaluations");
        return new Paths(dir.resolve(name + ".json"), dir.resolve(name + "-misclassified.csv"),
                dir.resolve(name + "-misclassified.png"));
    }

    /** Writes the files and returns what the JSON file holds. */
    public static EvaluationReport write(Paths paths, TrainedRun run, TrainedModel model, EvaluationData data,
                                         Predictor.Result result, EvaluationMetrics metrics) throws IOException {
        List<String> classes = run.classes();
        int[] labels = data.labels();
        List<Integer> wrong = worstFirst(result.predictions(), labels);
        writeMisclassified(paths.misclassifiedCsv(), classes, result.predictions(), labels, wrong);
        boolean sheet = !wrong.isEmpty();
        if (sheet) {
            List<ContactSheet.Tile> tiles = wrong.stream().limit(CONTACT_SHEET_IMAGES).map(i -> tile(classes,
                    result.predictions().get(i), labels[i])).toList();
            ContactSheet.write(paths.contactSheet(), String.format(Locale.ROOT,
                    "%s, %s: the %d worst of %d misclassified images (%s)", run.id(), model.label(), tiles.size(),
                    wrong.size(), data.source()), tiles);
        } else {
            Files.deleteIfExists(paths.contactSheet()); // from an earlier evaluation of the same name
        }
        EvaluationReport report = report(run, model, data, result, metrics, paths, sheet);
        Json.write(paths.json(), report);
        return report;
    }

    /** Indices of the misclassified images, the lowest probability of their actual class first, then by path. */
    static List<Integer> worstFirst(List<Prediction> predictions, int[] labels) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predictions.get(i).predicted() != labels[i]) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.<Integer>comparingDouble(i -> predictions.get(i).probability(labels[i]))
                .thenComparing(i -> predictions.get(i).path().toString()));
        return wrong;
    }

    /** {@code path,label,predicted,<class>...}: the actual class, the predicted one, each class's probability. */
    private static void writeMisclassified(Path file, List<String> classes, List<Prediction> predictions,
                                           int[] labels, List<Integer> wrong) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i : wrong) {
            Prediction prediction = predictions.get(i);
            List<String> row = new ArrayList<>(List.of(prediction.path().toString(), classes.get(labels[i]),
                    classes.get(prediction.predicted())));
            for (int c = 0; c < classes.size(); c++) {
                row.add(Probabilities.format(prediction.probability(c)));
            }
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("path", "label", "predicted"));
        columns.addAll(classes);
        SplitFiles.write(file, columns, rows);
    }

    private static ContactSheet.Tile tile(List<String> classes, Prediction prediction, int label) {
        int predicted = prediction.predicted();
        return new ContactSheet.Tile(prediction.path(),
                String.format(Locale.ROOT, "%s, said %s %.2f", classes.get(label), classes.get(predicted),
                        prediction.probability(predicted)),
                String.valueOf(prediction.path().getFileName()));
    }

    private static EvaluationReport report(TrainedRun run, TrainedModel model, EvaluationData data,
                                           Predictor.Result result, EvaluationMetrics metrics, Paths paths,
                                           boolean sheet) {
        Path dir = run.directory().path();
        ConfusionMatrix confusion = metrics.confusion();
        List<List<Long>> matrix = Arrays.stream(confusion.rows())
                .map(row -> Arrays.stream(row).boxed().toList()).toList();
        return new EvaluationReport(run.id(), model.checkpoint().toString(),
                model.state().map(s -> s.describe()).orElse(null), data.source(), data.layout(),
                Instant.now().toString(), run.classes(), data.images().size(), data.inTrainingSplit(),
                data.inValidationSplit(), value(metrics.accuracy()), metrics.logLoss(), value(metrics.rocAuc()),
                metrics.macroPrecision(), metrics.macroRecall(), metrics.macroF1(),
                run.classes().size() == 2 ? 0.5 : null,
                metrics.perClass().stream().map(c -> new EvaluationReport.ClassReport(c.name(), c.images(),
                        c.predicted(), value(c.precision()), value(c.recall()), value(c.f1()))).toList(),
                matrix, metrics.misclassified(), dir.relativize(paths.misclassifiedCsv()).toString(),
                sheet ? dir.relativize(paths.contactSheet()).toString() : null,
                data.bad().stream().map(EvaluationFiles::skipped).collect(Collectors.toList()),
                result.seconds(), result.imagesPerSecond());
    }

    private static EvaluationReport.Skipped skipped(BadImage bad) {
        return new EvaluationReport.Skipped(bad.path().toString(), bad.reason());
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
