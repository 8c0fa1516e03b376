package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.config.ConfigYaml;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.train.StopRequest;
import dev.dl4jrunner.train.TrainingRun;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resumed run ends exactly where a run that never stopped ends: the same weights and optimizer state to the bit,
 * the same metrics for every epoch, once each. Dropout and flips are on, so random draws are covered too.
 */
class ResumeTest {
    /** Two epochs of three batches (10 + 10 training images, batch 8), a checkpoint after every batch. */
    private static final List<String> TINY = List.of("--set", "training.epochs=2", "--set", "data.limit_per_class=12",
            "--set", "model.dropout=0.5", "--set", "data.augment.horizontal_flip=true",
            "--set", "checkpoints.every_iterations=1");

    @TempDir
    static Path workDir;
    static Path yaml;
    static Path uninterrupted;

    @BeforeAll
    static void trainWithoutStopping() throws IOException {
        yaml = TinyExperiment.write(workDir, SharedData.trainDir());
        uninterrupted = train("uninterrupted");
    }

    @Test
    void extendingACompletedRunEndsExactlyLikeARunThatNeverStopped() throws IOException {
        Path run = train("extended", "--set", "training.epochs=1");

        CliRun resumed = CliRun.of("resume", run.toString(), "--epochs", "2");

        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("Completed 2 epochs");
        assertThat(Files.readString(run.resolve("train.log"))).contains("Resuming run " + run + " after epoch 1");
        assertSameTraining(run, uninterrupted);
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("epochs: 2");
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(provenance.get("resumed_at")).hasSize(1);
    }

    @Test
    void aRunStoppedInTheMiddleOfAnEpochResumesExactly() throws Exception {
        Path runs = workDir.resolve("stopped");
        ExperimentConfig config = ExperimentLoader.load(yaml, overrides(), workDir);
        StopRequest stop = new StopRequest();
        Thread stopper = new Thread(() -> stopAtFirstCheckpoint(runs, stop));
        stopper.start();
        TrainingRun.Result stopped = TrainingRun.start(new TrainingRun.Request(config, yaml, overrides(), runs),
                TrainingData.prepare(config.data(), config.seed()), stop);
        stopper.join();
        Path run = stopped.run().path();
        assertThat(stopped.summary().status().name()).isEqualTo("INTERRUPTED");
        assertThat(stopped.state().current().batches()).as("stopped part-way through an epoch").isPositive();
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"status\" : \"interrupted\"");

        CliRun resumed = CliRun.of("resume", run.toString());

        assertThat(resumed.err()).isEmpty();
        assertThat(resumed.exitCode()).isZero();
        assertThat(Files.readString(run.resolve("train.log"))).contains("Resuming run " + run + " in epoch "
                + stopped.state().current().epoch() + " after " + stopped.state().current().batches() + " batch");
        assertSameTraining(run, uninterrupted);
    }

    @Test
    void aCompletedRunIsNotTrainedAgainWithoutMoreEpochs() {
        CliRun again = CliRun.of("resume", uninterrupted.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).isEqualTo("Run " + uninterrupted.getFileName() + " has already trained its 2 epochs; "
                + "to train it further, pass the new total: resume " + uninterrupted + " --epochs 7\n");
    }

    @Test
    void fewerEpochsThanTrainedAreRefused() {
        assertThat(CliRun.of("resume", uninterrupted.toString(), "--epochs", "1").err())
                .isEqualTo("--epochs 1 is not more than the 2 epochs run " + uninterrupted.getFileName()
                        + " has already trained\n");
        CliRun zero = CliRun.of("resume", uninterrupted.toString(), "--epochs", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(zero.err()).startsWith("--epochs must be at least 1, found 0\n");
    }

    @Test
    void aPathThatIsNoRunDirectoryExitsWith3() {
        Path missing = workDir.resolve("runs/nothing-here");

        CliRun run = CliRun.of("resume", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.MISSING_RUN);
        assertThat(run.err()).isEqualTo("No run directory at " + missing + "\n");
    }

    @Test
    void aRunWhoseConfigWasEditedIsRefused() throws IOException {
        Path run = copyWithoutCheckpoints(uninterrupted, "edited");
        Files.writeString(run.resolve("config.yaml"),
                Files.readString(run.resolve("config.yaml")).replace("seed: 7", "seed: 8"));

        CliRun resumed = CliRun.of("resume", run.toString(), "--epochs", "3");

        assertThat(resumed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(resumed.err()).startsWith(run.resolve("config.yaml") + " was changed after the run started");
    }

    @Test
    void aRunWhoseImagesChangedIsRefused() throws IOException {
        Path run = copyWithoutCheckpoints(uninterrupted, "moved");
        Path images = SharedData.copyTrainImages(Files.createDirectories(workDir.resolve("other-images")), 12);
        String config = Files.readString(run.resolve("config.yaml")).replace(SharedData.trainDir().toString(),
                images.toString());
        Files.writeString(run.resolve("config.yaml"), config);
        ObjectNode provenance = (ObjectNode) new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        provenance.put("config_sha256", ConfigYaml.sha256(config));
        new ObjectMapper().writeValue(run.resolve("provenance.json").toFile(), provenance);

        CliRun resumed = CliRun.of("resume", run.toString(), "--epochs", "3");

        assertThat(resumed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(resumed.err()).startsWith("The images of " + images + " changed after the run started: it had "
                + "20 training and 4 validation images {cat=12, dog=12}, the directory now gives 20 and 4");
    }

    @Test
    void aRunAnotherProcessTrainsIsRefused() throws IOException {
        Path run = copyWithoutCheckpoints(uninterrupted, "busy");
        try (RunLock held = RunLock.tryAcquire(RunDirectory.existing(run).orElseThrow()).orElseThrow()) {
            CliRun resumed = CliRun.of("resume", run.toString());

            assertThat(resumed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(resumed.err()).isEqualTo("Run " + run.getFileName() + " is being trained by another process "
                    + "(pid " + ProcessHandle.current().pid() + "); it can be resumed once that process has ended\n");
        }
    }

    /** A run directory as a run killed before its first checkpoint leaves it. */
    private static Path copyWithoutCheckpoints(Path run, String name) throws IOException {
        Path copy = Files.createDirectories(workDir.resolve(name).resolve(run.getFileName()));
        for (String file : List.of("config.yaml", "provenance.json", "summary.json", "metrics.csv")) {
            Files.copy(run.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    private static List<String> overrides() {
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < TINY.size(); i += 2) {
            overrides.add(TINY.get(i));
        }
        return overrides;
    }

    /** Asks {@code stop} to stop once a run under {@code runs} has written its first checkpoint. */
    static void stopAtFirstCheckpoint(Path runs, StopRequest stop) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> dirs = Files.isDirectory(runs) ? Files.list(runs) : Stream.empty()) {
                if (dirs.anyMatch(dir -> Files.exists(dir.resolve("checkpoints/last.zip")))) {
                    stop.request();
                    return;
                }
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    static Path train(String runsName, String... extra) throws IOException {
        Path runs = workDir.resolve(runsName);
        List<String> args = new ArrayList<>(List.of(yaml.toString(), "--runs-dir", runs.toString()));
        args.addAll(TINY);
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    /** Same final weights, optimizer state and iteration count, and the same metrics but for timings. */
    static void assertSameTraining(Path run, Path reference) throws IOException {
        ComputationGraph actual = ModelSerializer.restoreComputationGraph(run.resolve("model.zip").toFile(), true);
        ComputationGraph expected = ModelSerializer.restoreComputationGraph(
                reference.resolve("model.zip").toFile(), true);
        assertThat(actual.getConfiguration().getIterationCount())
                .isEqualTo(expected.getConfiguration().getIterationCount());
        assertThat(Arrays.equals(actual.params().data().asFloat(), expected.params().data().asFloat()))
                .as("weights identical to the bit").isTrue();
        assertThat(Arrays.equals(actual.getUpdater().getStateViewArray().data().asFloat(),
                expected.getUpdater().getStateViewArray().data().asFloat()))
                .as("Adam state identical to the bit").isTrue();
        assertThat(withoutTimings(run.resolve("metrics.csv"))).isEqualTo(withoutTimings(reference.resolve("metrics.csv")));
    }

    /** metrics.csv without its timings: {@code seconds}, {@code images_per_second}, {@code data_wait_share}. */
    private static List<String> withoutTimings(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(line -> {
            String[] cells = line.split(",");
            return String.join(",", cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[8], cells[9],
                    cells[10]);
        }).toList();
    }
}
