package dev.dl4jrunner.infer;

import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.SplitFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code predict}'s output file, atomically, in one of the {@link PredictionFormat}s. */
public final class PredictionFiles {
    private PredictionFiles() {
    }

    /** The JSON format: the run and checkpoint, each image's prediction, the images that could not be read. */
    public record JsonPredictions(String runId, String checkpoint, String checkpointState, List<String> classes,
                                  List<JsonPrediction> predictions, List<Skipped> skippedImages) {
    }

    /** One image: its path as given, the predicted class, the probability of each class. */
    public record JsonPrediction(String path, String predicted, Map<String, Float> probabilities) {
    }

    /** An image left out, and why. */
    public record Skipped(String path, String reason) {
    }

    public static void write(Path file, PredictionFormat format, TrainedRun run, TrainedModel model,
                             List<Prediction> predictions, List<BadImage> skipped) throws IOException {
        List<String> classes = run.classes();
        switch (format) {
            case CSV -> {
                List<List<String>> rows = new ArrayList<>();
                for (Prediction prediction : predictions) {
                    List<String> row = new ArrayList<>(List.of(prediction.path().toString(),
                            classes.get(prediction.predicted())));
                    for (int c = 0; c < classes.size(); c++) {
                        row.add(Probabilities.format(prediction.probability(c)));
                    }
                    rows.add(row);
                }
                List<String> columns = new ArrayList<>(List.of("path", "predicted"));
                columns.addAll(classes);
                SplitFiles.write(file, columns, rows);
            }
            case JSON -> Json.write(file, new JsonPredictions(run.id(), model.checkpoint().toString(),
                    model.state().map(s -> s.describe()).orElse(null), classes,
                    predictions.stream().map(p -> json(p, classes)).toList(),
                    skipped.stream().map(bad -> new Skipped(bad.path().toString(), bad.reason())).toList()));
            case KAGGLE -> KaggleSubmission.write(file, predictions);
        }
    }

    private static JsonPrediction json(Prediction prediction, List<String> classes) {
        Map<String, Float> probabilities = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            probabilities.put(classes.get(c), prediction.probability(c));
        }
        return new JsonPrediction(prediction.path().toString(), classes.get(prediction.predicted()), probabilities);
    }
}
