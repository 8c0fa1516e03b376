package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.train.StopRequest;
import dev.dl4jrunner.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code training.workers: 2} on the CPU, end to end: the run directory is what a one-worker run leaves, the model
 * that is validated is the one checkpointed, and a run stopped part-way resumes without an epoch twice or missing.
 */
class WorkersTest {
    /** Two epochs of 5 batches (20 + 20 training images, batch 8): steps of 2, 2 and a last single batch. */
    private static final List<String> TINY = List.of("--set", "training.workers=2", "--set", "training.epochs=2",
            "--set", "data.limit_per_class=25", "--set", "checkpoints.every_iterations=1");

    @TempDir
    static Path workDir;
    static Path yaml;
    static CliRun training;
    static Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        yaml = TinyExperiment.write(workDir, SharedData.trainDir());
        Path runs = workDir.resolve("runs");
        List<String> args = new ArrayList<>(List.of(yaml.toString(), "--runs-dir", runs.toString()));
        args.addAll(TINY);
        training = CliRun.of(args.toArray(String[]::new));
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void trainingWithTwoWorkersCompletesAndSaysHow() throws IOException {
        assertThat(training.err()).isEmpty();
        assertThat(training.exitCode()).isZero();
        assertThat(training.out()).contains("Completed 2 epochs");
        assertThat(Files.readString(run.resolve("train.log")))
                .contains("Workers: 2 (DL4J ParallelWrapper, parameters and updater state averaged every 1 batch(es)"
                        + " per worker) on 1 device; workers beyond the devices share them");
        assertThat(wrapperThreads()).as("no ParallelWrapper thread outlives training").isEmpty();
    }

    @Test
    void theRunDirectoryIsThatOfAOneWorkerRun() throws IOException {
        assertThat(epochsOf(run)).containsExactly("1", "2");
        String[] second = Files.readAllLines(run.resolve("metrics.csv")).get(2).split(",");
        assertThat(Double.parseDouble(second[1])).as("train_loss").isPositive().isLessThan(5.0);
        assertThat(Double.parseDouble(second[2])).as("train_accuracy").isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(second[7])).as("images_per_second").isPositive();
        JsonNode summary = summary(run);
        assertThat(summary.get("status").asText()).isEqualTo("completed");
        assertThat(summary.get("epochs_completed").asInt()).isEqualTo(2);
        for (String file : List.of("checkpoints/last.zip", "checkpoints/best.zip", "model.zip", "loss.png",
                "report.html")) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile(), true);
        assertThat(restored.getUpdater().getStateViewArray()).isNotNull();
    }

    @Test
    void theUiStatisticsAreOneSessionOfOneWorker() {
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try {
            assertThat(stats.listSessionIDs()).containsExactly(run.getFileName().toString());
            assertThat(stats.listWorkerIDsForSession(run.getFileName().toString())).hasSize(1);
        } finally {
            stats.close();
        }
    }

    @Test
    void theCheckpointedModelIsTheOneThatWasValidated() throws IOException {
        CliRun evaluation = CliRun.of("evaluate", run.toString(), "--checkpoint", "last");

        assertThat(evaluation.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.resolve("evaluations/val-last.json").toFile());
        String[] last = Files.readAllLines(run.resolve("metrics.csv")).get(2).split(",");
        assertThat(report.get("accuracy").asDouble()).isCloseTo(Double.parseDouble(last[4]), within(1e-6));
        assertThat(report.get("log_loss").asDouble()).isCloseTo(Double.parseDouble(last[3]), within(1e-4));
    }

    @Test
    void aRunStoppedPartWayResumesWithEveryEpochOnce() throws Exception {
        Path runs = workDir.resolve("stopped");
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < TINY.size(); i += 2) {
            overrides.add(TINY.get(i));
        }
        ExperimentConfig config = ExperimentLoader.load(yaml, overrides, workDir);
        StopRequest stop = new StopRequest();
        Thread stopper = new Thread(() -> ResumeTest.stopAtFirstCheckpoint(runs, stop));
        stopper.start();
        TrainingRun.Result stopped = TrainingRun.start(new TrainingRun.Request(config, yaml, overrides, runs),
                TrainingData.prepare(config.data(), config.seed()), stop);
        stopper.join();
        Path stoppedRun = stopped.run().path();
        assertThat(stopped.summary().status().name()).isEqualTo("INTERRUPTED");
        assertThat(stopped.state().current().batches()).as("stopped part-way, after a whole step").isIn(2, 4);

        CliRun resumed = CliRun.of("resume", stoppedRun.toString());

        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.exitCode()).isZero();
        assertThat(Files.readString(stoppedRun.resolve("train.log"))).contains("Resuming run " + stoppedRun
                + " in epoch 1 after " + stopped.state().current().batches() + " batches");
        assertThat(epochsOf(stoppedRun)).containsExactly("1", "2");
        assertThat(summary(stoppedRun).get("status").asText()).isEqualTo("completed");
        assertThat(wrapperThreads()).isEmpty();
    }

    private static List<String> epochsOf(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[0]).toList();
    }

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    private static List<String> wrapperThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("ParallelWrapper")).toList();
    }
}
