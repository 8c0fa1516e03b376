package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code evaluate} and {@code predict} on a tiny run trained once on real images: the run's own validation split,
 * a labelled directory it never saw, the 500 shared test images as a Kaggle submission, and bad images.
 */
class EvaluatePredictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;
    static Path run;
    /** Ten real images of each class that are in neither of the run's splits. */
    static List<Path> unseenCats;
    static List<Path> unseenDogs;

    @BeforeAll
    static void trainATinyRun() throws IOException {
        Path yaml = TinyExperiment.write(workDir, SharedData.trainDir());
        Path runs = workDir.resolve("runs");
        CliRun training = CliRun.of(yaml.toString(), "--runs-dir", runs.toString(), "--set", "data.limit_per_class=20");
        assertThat(training.exitCode()).as(training.err()).isZero();
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
        Set<String> seen = new HashSet<>();
        for (String split : List.of("split/train.csv", "split/val.csv")) {
            Files.readAllLines(run.resolve(split)).stream().skip(1).forEach(line -> seen.add(line.split(",")[0]));
        }
        unseenCats = unseen("cat", seen);
        unseenDogs = unseen("dog", seen);
    }

    private static List<Path> unseen(String label, Set<String> seen) {
        return IntStream.range(1000, 2000).mapToObj(i -> SharedData.trainDir().resolve(label + "." + i + ".jpg"))
                .filter(file -> !seen.contains(file.toString())).limit(10).toList();
    }

    @Test
    void evaluatingTheValidationSplitGivesWhatTrainingMeasuredOnIt() throws IOException {
        CliRun evaluation = CliRun.of("evaluate", run.toString(), "--checkpoint", "last");

        assertThat(evaluation.err()).isEmpty();
        assertThat(evaluation.exitCode()).isZero();
        assertThat(evaluation.out()).contains("checkpoint last.zip (after epoch 1), on split/val.csv: 8 images "
                + "(4 cat, 4 dog)").contains("Confusion matrix (rows: actual class, columns: predicted class)");
        JsonNode report = JSON.readTree(run.resolve("evaluations/val-last.json").toFile());
        String[] epoch = Files.readAllLines(run.resolve("metrics.csv")).get(1).split(",");
        // epoch,train_loss,train_accuracy,val_loss,val_accuracy,...,val_precision,val_recall,val_f1
        assertThat(report.get("accuracy").asDouble()).isCloseTo(Double.parseDouble(epoch[4]), within(1e-6));
        assertThat(report.get("log_loss").asDouble()).isCloseTo(Double.parseDouble(epoch[3]), within(1e-4));
        assertThat(report.get("precision").asDouble()).isCloseTo(Double.parseDouble(epoch[8]), within(1e-6));
        assertThat(report.get("recall").asDouble()).isCloseTo(Double.parseDouble(epoch[9]), within(1e-6));
        assertThat(report.get("f1").asDouble()).isCloseTo(Double.parseDouble(epoch[10]), within(1e-6));
        assertThat(report.get("images").asInt()).isEqualTo(8);
        assertThat(report.get("in_training_split").asInt()).isZero();
        assertThat(report.get("in_validation_split").asInt()).isEqualTo(8);
        assertThat(report.get("checkpoint").asText()).isEqualTo(run.resolve("checkpoints/last.zip").toString());
        assertThat(report.get("checkpoint_state").asText()).isEqualTo("after epoch 1");
        assertThat(report.get("data").asText()).isEqualTo("split/val.csv");
        assertThat(report.get("roc_auc").asDouble()).isBetween(0.0, 1.0);
        long cells = 0;
        for (JsonNode row : report.get("confusion_matrix")) {
            for (JsonNode cell : row) {
                cells += cell.asLong();
            }
        }
        assertThat(cells).isEqualTo(8);
    }

    @Test
    void evaluatingALabelledDirectoryNamesBadImagesAndWarnsAboutTrainingImages() throws IOException {
        Path holdout = workDir.resolve("holdout");
        for (String label : List.of("cat", "dog")) {
            Path folder = Files.createDirectories(holdout.resolve(label));
            for (Path image : label.equals("cat") ? unseenCats : unseenDogs) {
                Files.createSymbolicLink(folder.resolve(image.getFileName()), image);
            }
        }
        String trainedOn = Files.readAllLines(run.resolve("split/train.csv")).get(1).split(",")[0];
        Files.createSymbolicLink(holdout.resolve("cat/seen.jpg"), Path.of(trainedOn));
        Files.createFile(holdout.resolve("dog/empty.jpg"));

        CliRun evaluation = CliRun.of("evaluate", run.toString(), "--data", holdout.toString(), "--checkpoint", "best");

        assertThat(evaluation.err()).isEmpty();
        assertThat(evaluation.exitCode()).isZero();
        assertThat(evaluation.out())
                .contains("Skipping 1 bad image:\n  " + holdout.resolve("dog/empty.jpg") + ": empty file")
                .contains("on " + holdout + " (folders layout): 21 images (11 cat, 10 dog)")
                .contains("Warning: 1 of these images is in the run's training split; the model has learned it");
        JsonNode report = JSON.readTree(run.resolve("evaluations/holdout-best.json").toFile());
        assertThat(report.get("images").asInt()).isEqualTo(21);
        assertThat(report.get("in_training_split").asInt()).isEqualTo(1);
        assertThat(report.get("layout").asText()).isEqualTo("folders");
        assertThat(report.at("/skipped_images/0/reason").asText()).isEqualTo("empty file");
        assertThat(report.at("/per_class/0/images").asInt()).isEqualTo(11);

        List<String> misclassified = Files.readAllLines(run.resolve("evaluations/holdout-best-misclassified.csv"));
        assertThat(misclassified.get(0)).isEqualTo("path,label,predicted,cat,dog");
        assertThat(misclassified).hasSize(1 + report.get("misclassified").asInt());
        List<Double> actualClassProbability = new ArrayList<>();
        for (String line : misclassified.subList(1, misclassified.size())) {
            String[] row = line.split(",");
            assertThat(row[2]).isNotEqualTo(row[1]);
            actualClassProbability.add(Double.parseDouble(row[1].equals("cat") ? row[3] : row[4]));
        }
        assertThat(actualClassProbability).as("worst first").isSorted();
        Path sheet = run.resolve("evaluations/holdout-best-misclassified.png");
        if (misclassified.size() > 1) {
            assertThat(Files.readAllBytes(sheet)).startsWith(0x89, 'P', 'N', 'G');
            assertThat(report.get("contact_sheet").asText()).isEqualTo("evaluations/holdout-best-misclassified.png");
        }
    }

    @Test
    void aClassTheRunDoesNotKnowIsAnErrorNamingIt() throws IOException {
        Path pets = Files.createDirectories(workDir.resolve("pets"));
        Files.createSymbolicLink(pets.resolve("cat.1.jpg"), unseenCats.get(0));
        Files.createSymbolicLink(pets.resolve("bird.1.jpg"), unseenDogs.get(0));

        CliRun evaluation = CliRun.of("evaluate", run.toString(), "--data", pets.toString());

        assertThat(evaluation.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(evaluation.err()).isEqualTo(pets + " has images of class 'bird' (file names before the first dot) "
                + "that run " + run.getFileName() + " does not know; its classes are cat, dog\n");
        assertThat(run.resolve("evaluations/pets-best.json")).doesNotExist();
    }

    @Test
    void theSharedTestImagesBecomeAKaggleSubmission() throws IOException {
        Path submission = workDir.resolve("submission.csv");

        CliRun prediction = CliRun.of("predict", run.toString(), SharedData.testDir().toString(), "--format", "kaggle",
                "--out", submission.toString());

        assertThat(prediction.err()).isEmpty();
        assertThat(prediction.exitCode()).isZero();
        assertThat(prediction.out()).contains("Predicting 500 images with run " + run.getFileName()
                + ", checkpoint best.zip (after epoch 1)").containsPattern("Predicted 500 images in [0-9.]+ s: "
                + "[0-9.]+ images/s").contains("Predictions (kaggle): " + submission);
        List<String> lines = Files.readAllLines(submission);
        assertThat(lines).hasSize(501);
        assertThat(lines.get(0)).isEqualTo("id,label");
        for (int id = 1; id <= 500; id++) {
            String[] row = lines.get(id).split(",");
            assertThat(row).hasSize(2);
            assertThat(row[0]).isEqualTo(Integer.toString(id));
            assertThat(row[1]).matches("\\d\\.\\d+");
            assertThat(Double.parseDouble(row[1])).isBetween(0.0, 1.0);
        }
        assertThat(Files.readString(submission)).endsWith("\n").doesNotContain("\r");
    }

    @Test
    void unreadableImagesAreNamedAndSkippedAndTheRestPredicted() throws IOException {
        Path mixed = Files.createDirectories(workDir.resolve("mixed"));
        for (int i = 1; i <= 3; i++) {
            Files.copy(SharedData.testDir().resolve(i + ".jpg"), mixed.resolve(i + ".jpg"));
        }
        Files.createFile(mixed.resolve("4.jpg"));
        Files.writeString(mixed.resolve("5.jpg"), "<html>Not found</html>\n");
        byte[] jpeg = Files.readAllBytes(SharedData.testDir().resolve("6.jpg"));
        Files.write(mixed.resolve("6.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(mixed.resolve("README.txt"), "test images\n");
        Path out = workDir.resolve("mixed.csv");

        CliRun prediction = CliRun.of("predict", run.toString(), mixed.toString(), "--out", out.toString());

        assertThat(prediction.err()).isEmpty();
        assertThat(prediction.exitCode()).isZero();
        assertThat(prediction.out())
                .contains("Checking 6 images (ignoring 1 other files: not .jpg, .jpeg or .png)")
                .contains("Skipping 3 bad images:\n"
                        + "  " + mixed.resolve("4.jpg") + ": empty file\n"
                        + "  " + mixed.resolve("5.jpg") + ": not a JPEG or PNG image: the content is text\n"
                        + "  " + mixed.resolve("6.jpg") + ": truncated JPEG: the file ends before the image does\n")
                .contains("Predicting 3 images");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("path,predicted,cat,dog");
        assertThat(lines).hasSize(4);
        for (int i = 1; i <= 3; i++) {
            String[] row = lines.get(i).split(",");
            assertThat(row[0]).isEqualTo(mixed.resolve(i + ".jpg").toString());
            double cat = Double.parseDouble(row[2]);
            double dog = Double.parseDouble(row[3]);
            assertThat(cat + dog).isCloseTo(1.0, within(1e-6));
            assertThat(row[1]).isEqualTo(dog > 0.5 ? "dog" : "cat");
        }
    }

    @Test
    void eachImageGetsItsOwnPredictionWhateverTheOrderAndBatchSize() throws IOException {
        List<String> files = IntStream.rangeClosed(1, 7).mapToObj(i -> SharedData.testDir().resolve(i + ".jpg")
                .toString()).toList();
        List<String> reversed = new ArrayList<>(files);
        java.util.Collections.reverse(reversed);
        Path forward = workDir.resolve("forward.json");
        Path backward = workDir.resolve("backward.json");

        List<String> first = new ArrayList<>(List.of("predict", run.toString()));
        first.addAll(files);
        first.addAll(List.of("--batch-size", "3", "--format", "json", "--out", forward.toString()));
        List<String> second = new ArrayList<>(List.of("predict", run.toString()));
        second.addAll(reversed);
        second.addAll(List.of("--batch-size", "2", "--format", "json", "--out", backward.toString()));
        assertThat(CliRun.of(first.toArray(String[]::new)).exitCode()).isZero();
        assertThat(CliRun.of(second.toArray(String[]::new)).exitCode()).isZero();

        Map<String, Double> byPath = dogProbabilities(JSON.readTree(forward.toFile()));
        Map<String, Double> byPathReversed = dogProbabilities(JSON.readTree(backward.toFile()));
        assertThat(byPath).hasSize(7);
        assertThat(new HashSet<>(byPath.values())).as("different images, different predictions").hasSizeGreaterThan(1);
        byPath.forEach((path, p) -> assertThat(byPathReversed.get(path)).as(path).isCloseTo(p, within(1e-6)));
        JsonNode json = JSON.readTree(forward.toFile());
        assertThat(json.get("classes").toString()).isEqualTo("[\"cat\",\"dog\"]");
        assertThat(json.at("/predictions/0/path").asText()).isEqualTo(files.get(0));
    }

    private static Map<String, Double> dogProbabilities(JsonNode json) {
        Map<String, Double> byPath = new HashMap<>();
        json.get("predictions").forEach(p -> byPath.put(p.get("path").asText(), p.at("/probabilities/dog").asDouble()));
        return byPath;
    }

    @Test
    void mistakesAreReportedWithoutAStackTrace() throws IOException {
        Path notARun = Files.createDirectories(workDir.resolve("not-a-run"));
        CliRun missingRun = CliRun.of("predict", notARun.toString(), SharedData.testDir().resolve("1.jpg").toString());
        assertThat(missingRun.exitCode()).isEqualTo(ExitCode.MISSING_RUN);
        assertThat(missingRun.err()).isEqualTo(notARun + " is not a run directory: it has no config.yaml and "
                + "provenance.json\n");

        CliRun notAnId = CliRun.of("predict", run.toString(), unseenCats.get(0).toString(), "--format", "kaggle");
        assertThat(notAnId.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notAnId.err()).isEqualTo("--format kaggle takes the id from file names like 123.jpg; 1 file named "
                + "otherwise: " + unseenCats.get(0) + "\n");

        CliRun noCheckpoint = CliRun.of("evaluate", run.toString(), "--checkpoint", "nothing.zip");
        assertThat(noCheckpoint.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noCheckpoint.err()).startsWith("No checkpoint file at ").doesNotContain("\tat ");

        Path missing = workDir.resolve("no-such-dir");
        CliRun missingImages = CliRun.of("predict", run.toString(), missing.toString());
        assertThat(missingImages.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missingImages.err()).isEqualTo("No such file or directory: " + missing + "\n");

        Path junk = Files.write(workDir.resolve("junk.zip"), new byte[] {1, 2, 3});
        CliRun brokenCheckpoint = CliRun.of("evaluate", run.toString(), "--checkpoint", junk.toString());
        assertThat(brokenCheckpoint.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(brokenCheckpoint.err()).startsWith("Cannot read the checkpoint " + junk).doesNotContain("\tat ");
    }
}
