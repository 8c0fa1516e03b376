package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains the tiny experiment on a real embedded Spark ({@code local[2]}: a driver and two workers in this JVM) as
 * {@code runner-spark.jar} does under spark-submit, and checks that the run directory is a local run's.
 */
class SparkTrainCommandTest {
    @TempDir
    static Path workDir;
    static Path yaml;
    static Path runsDir;
    static CliRun training;
    static Path run;

    @BeforeAll
    static void trainOnSpark() throws IOException {
        // No web UI and a loopback driver: a test opens no port to the network.
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        yaml = TinyExperiment.write(workDir, SharedData.trainDir());
        runsDir = workDir.resolve("runs");
        training = spark(yaml.toString(), "--runs-dir", runsDir.toString(), "--set", "spark.master=local[2]",
                "--set", "training.epochs=2", "--set", "data.limit_per_class=48",
                "--set", "data.augment.horizontal_flip=true", "--set", "spark.averaging_frequency=3");
        try (Stream<Path> runs = Files.list(runsDir)) {
            run = runs.findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void forgetSparkSettings() {
        List.of("spark.ui.enabled", "spark.driver.host", "spark.driver.bindAddress").forEach(System::clearProperty);
    }

    @Test
    void trainingCompletesIntoARunDirectoryOnTheDriver() throws IOException {
        assertThat(training.err()).isEmpty();
        assertThat(training.exitCode()).isZero();
        assertThat(training.out()).contains("Completed 2 epochs").contains("Run directory: " + run);
        for (String file : List.of("config.yaml", "overrides.txt", "provenance.json", "split/train.csv",
                "split/val.csv", "metrics.csv", "train.log", "stats.dl4j", "checkpoints/last.zip",
                "checkpoints/best.zip", "model.zip", "loss.png", "accuracy.png", "summary.json", "report.html")) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(run.resolve("train.log"))).contains("Cluster: spark master local[2]")
                .as("every training image fitted in every epoch").doesNotContain("the workers fitted");
    }

    @Test
    void metricsHaveALocalRunsColumnsWithTheWorkersTrainingLossAndAccuracy() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,"
                + "seconds,images_per_second,val_precision,val_recall,val_f1,data_wait_share");
        assertThat(lines).hasSize(3);
        for (int epoch = 1; epoch <= 2; epoch++) {
            String[] values = lines.get(epoch).split(",");
            assertThat(values[0]).isEqualTo(String.valueOf(epoch));
            assertThat(Double.parseDouble(values[1])).as("train_loss").isPositive();
            assertThat(Double.parseDouble(values[2])).as("train_accuracy").isBetween(0.05, 1.0);
            assertThat(Double.parseDouble(values[3])).as("val_loss").isPositive();
            assertThat(Double.parseDouble(values[4])).as("val_accuracy").isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(values[7])).as("images_per_second").isPositive();
        }
    }

    @Test
    void provenanceNamesTheSparkApplicationAndConfigTheSparkSettings() throws IOException {
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        JsonNode cluster = provenance.get("cluster");
        assertThat(cluster.get("kind").asText()).isEqualTo("spark");
        assertThat(cluster.get("master").asText()).isEqualTo("local[2]");
        assertThat(cluster.get("parallelism").asInt()).isEqualTo(2);
        assertThat(cluster.get("version").asText()).startsWith("3.5.");
        assertThat(cluster.get("executors")).isNotEmpty();
        assertThat(cluster.get("training_master").asText()).isEqualTo("parameter_averaging");
        assertThat(provenance.get("dataset").get("train_images").asInt()).isEqualTo(76);
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains("spark:\n  master: local[2]\n  training_master: parameter_averaging\n")
                .contains("  averaging_frequency: 3\n");
    }

    @Test
    void theModelLoadsInPlainDl4jAndClassifies() throws IOException {
        ComputationGraph model = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile(), true);
        float[] output = model.outputSingle(Nd4j.rand(2, 3, 32, 32)).toFloatVector();
        assertThat(output).hasSize(2);
        for (float probability : output) {
            assertThat(probability).isBetween(0f, 1f);
        }
    }

    @Test
    void theWorkersUiStatisticsReachTheDriversStatsFile() {
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try {
            assertThat(stats.listSessionIDs()).contains(run.getFileName().toString());
            String session = run.getFileName().toString();
            assertThat(stats.listTypeIDsForSession(session)).isNotEmpty();
        } finally {
            stats.close();
        }
    }

    @Test
    void runnerRunsListsTheSparkRunLikeALocalOne() {
        CliRun runs = CliRun.of("runs", "--runs-dir", runsDir.toString());
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out()).contains(run.getFileName().toString()).contains("completed").contains("2/2");
    }

    @Test
    void withoutAMasterNothingIsWritten() {
        CliRun noMaster = spark(yaml.toString(), "--runs-dir", workDir.resolve("none").toString());
        assertThat(noMaster.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noMaster.err()).contains("No Spark master").contains("spark.master");
        assertThat(workDir.resolve("none")).doesNotExist();
    }

    @Test
    void aBadSparkSettingIsReportedWithItsKey() {
        CliRun bad = spark(yaml.toString(), "--set", "spark.master=local[2]", "--set", "spark.averaging_frequency=0",
                "--set", "spark.training_master=ring");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.err()).contains("spark.averaging_frequency must be >= 1").contains("spark.training_master");
    }

    private static CliRun spark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.withErrorHandling(new CommandLine(new SparkTrainCommand()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
