package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Trains a tiny VGG16 on real images end to end and checks every artifact a user gets. */
class TrainCommandTest {
    @TempDir
    static Path workDir;
    static Path runsDir;
    static CliRun training;
    static Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path yaml = TinyExperiment.write(workDir, SharedData.trainDir());
        runsDir = workDir.resolve("runs");
        training = CliRun.of(yaml.toString(), "--runs-dir", runsDir.toString(), "--set", "training.epochs=2",
                "--set", "data.limit_per_class=40", "--set", "data.augment.horizontal_flip=true",
                "--set", "checkpoints.every_epochs=1", "--set", "checkpoints.keep_last=1");
        try (Stream<Path> runs = Files.list(runsDir)) {
            run = runs.findFirst().orElseThrow();
        }
    }

    @Test
    void trainingCompletesIntoATimestampedRunDirectory() {
        assertThat(training.err()).isEmpty();
        assertThat(training.exitCode()).isZero();
        assertThat(run.getFileName().toString()).matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_tiny");
        assertThat(training.out()).contains("Completed 2 epochs").contains("Run directory: " + run);
    }

    @Test
    void theRunDirectoryHoldsEveryArtifact() throws IOException {
        for (String file : List.of("config.yaml", "overrides.txt", "provenance.json", "split/train.csv",
                "split/val.csv", "metrics.csv", "train.log", "stats.dl4j", "checkpoints/last.zip",
                "checkpoints/best.zip", "model.zip", "loss.png", "accuracy.png", "summary.json", "report.html")) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(run.resolve("overrides.txt"))).isEqualTo(
                "training.epochs=2\ndata.limit_per_class=40\ndata.augment.horizontal_flip=true\n"
                        + "checkpoints.every_epochs=1\ncheckpoints.keep_last=1\n");
        assertThat(Files.readAllBytes(run.resolve("loss.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(run.resolve("report.html"))).contains("<span class=\"status completed\">")
                .contains("best epoch");
        assertThat(Files.getPosixFilePermissions(run.resolve("summary.json")))
                .as("readable by others, like any file the user creates")
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        try (Stream<Path> leftovers = Files.walk(run)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).as("temporary files").isEmpty();
        }
    }

    @Test
    void periodicCheckpointsKeepOnlyTheLastOnesAsked() throws IOException {
        try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
            assertThat(checkpoints.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("last.zip", "best.zip", "epoch-0002.zip");
        }
    }

    @Test
    void theSplitIsStratifiedAndRecorded() throws IOException {
        List<String> train = Files.readAllLines(run.resolve("split/train.csv"));
        List<String> val = Files.readAllLines(run.resolve("split/val.csv"));
        assertThat(train.get(0)).isEqualTo("path,label");
        assertThat(train).hasSize(1 + 64);
        assertThat(val).hasSize(1 + 16);
        assertThat(val.stream().filter(l -> l.endsWith(",cat"))).hasSize(8);
        assertThat(train.get(1)).startsWith(SharedData.trainDir().toString());
    }

    @Test
    void metricsHaveOneRowPerEpoch() throws IOException {
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics.get(0)).isEqualTo("epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,"
                + "seconds,images_per_second,val_precision,val_recall,val_f1,data_wait_share");
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(1)).startsWith("1,");
        assertThat(metrics.get(2)).startsWith("2,");
        String[] second = metrics.get(2).split(",");
        double valAccuracy = Double.parseDouble(second[4]);
        assertThat(valAccuracy).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(second[3])).as("val_loss").isPositive().isLessThan(5.0);
        assertThat(Double.parseDouble(second[11])).as("data_wait_share").isBetween(0.0, 1.0);
    }

    @Test
    void summaryAndProvenanceDescribeTheRun() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("epochs_completed").asInt()).isEqualTo(2);
        assertThat(summary.get("best_epoch").asInt()).isBetween(1, 2);
        assertThat(summary.get("images_per_second").asDouble()).isPositive();
        assertThat(summary.get("data_wait_share").asDouble()).isBetween(0.0, 1.0);

        JsonNode provenance = json.readTree(run.resolve("provenance.json").toFile());
        assertThat(provenance.get("seed").asLong()).isEqualTo(7);
        assertThat(provenance.get("config_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(provenance.at("/dataset/images_per_class/cat").asInt()).isEqualTo(40);
        assertThat(provenance.at("/dataset/file_list_sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(provenance.at("/backend/one_dnn_helpers").asBoolean()).isTrue();
    }

    @Test
    void theBestCheckpointRestoresWithItsUpdaterAndPredicts() throws IOException {
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                run.resolve("checkpoints/best.zip").toFile(), true);
        assertThat(restored.getUpdater().getStateViewArray()).isNotNull();
        INDArray probabilities = restored.outputSingle(Nd4j.rand(4, 3, 32, 32));
        assertThat(probabilities.shape()).containsExactly(4, 1);
        assertThat(probabilities.minNumber().doubleValue()).isGreaterThan(0.0);
        assertThat(probabilities.maxNumber().doubleValue()).isLessThan(1.0);
    }

    @Test
    void theLogRecordsProgressAndTheModelSummary() throws IOException {
        String log = Files.readString(run.resolve("train.log"));
        assertThat(log).contains("Run directory: " + run).contains("fe4_conv3").contains("epoch 2/2")
                .contains("oneDNN helpers on");
    }
}
