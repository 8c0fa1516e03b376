package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.launch.Machine;
import dev.dl4jrunner.train.CheckpointFile;
import dev.dl4jrunner.train.TrainingState;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Stops real training processes the ways users and machines do (kill -9 at several points, Ctrl-C, a full disk)
 * and checks that nothing is lost beyond the last checkpoint, that nothing is left damaged, and that resuming ends
 * exactly where a run that never stopped ends.
 *
 * <p>{@code java -jar runner.jar} trains in a child JVM of its launcher (dev.dl4jrunner.launch.Launcher): a kill -9
 * hits the training JVM, as the kernel's out-of-memory killer would, except where the launcher alone is killed.
 */
class CrashSafetyIT {
    /**
     * Two epochs of four batches of 8 (16 + 16 training images), a checkpoint every 2 iterations, dropout on; at
     * 64x64, so that a batch lasts long enough (about 0.4 s) for a signal sent at a checkpoint to arrive while the run
     * still trains: at 32x32 the whole rest of a run, or a batch after the first of two signals, could end first.
     */
    private static final List<String> TINY = List.of("--set", "training.epochs=2",
            "--set", "data.limit_per_class=20", "--set", "checkpoints.every_iterations=2",
            "--set", "model.dropout=0.5", "--set", "input.shape=[64, 64, 3]");

    @TempDir
    static Path temp;
    static Path yaml;
    static Path reference;

    @BeforeAll
    static void trainWithoutStopping() throws Exception {
        yaml = TinyExperiment.write(temp, SharedData.trainDir());
        Path runs = temp.resolve("reference");
        Runner runner = Runner.train(runs, "reference");
        assertThat(runner.awaitExit()).as(runner.output()).isZero();
        reference = onlyRun(runs);
    }

    @Test
    void killedAtAnyPointARunLosesNothingBeyondItsLastCheckpointAndResumesExactly() throws Exception {
        Path runs = temp.resolve("killed");
        List<String> kills = new ArrayList<>();

        Runner training = Runner.train(runs, "killed-1");
        training.awaitThenKill(() -> runDir(runs) != null && Files.exists(runDir(runs).resolve("summary.json")));
        Path run = onlyRun(runs);
        assertThat(run.resolve("checkpoints/last.zip")).as("killed before the first checkpoint").doesNotExist();
        kills.add("before the first checkpoint");

        Runner second = Runner.resume(run, "killed-2");
        second.awaitThenKill(() -> Files.exists(run.resolve("checkpoints/last.zip")));
        kills.add("after the first checkpoint (" + CheckpointFile.readState(run.resolve("checkpoints/last.zip"))
                .describe() + ")");

        Runner third = Runner.resume(run, "killed-3");
        third.awaitThenKill(() -> temporaryFiles(run.resolve("checkpoints")) > 0);
        TrainingState intact = CheckpointFile.readState(run.resolve("checkpoints/last.zip"));
        assertThat(ModelSerializer.restoreComputationGraph(run.resolve("checkpoints/last.zip").toFile(), true))
                .as("the previous checkpoint survives a kill in the middle of writing the next one").isNotNull();
        kills.add("while writing a checkpoint (the one kept: " + intact.describe() + ")");

        Runner fourth = Runner.resume(run, "killed-4");
        fourth.awaitThen(() -> metricsEpochs(run) >= 1);
        fourth.killLauncherOnly();
        kills.add("right after epoch 1, the launcher only");

        Runner last = Runner.resume(run, "killed-5");
        assertThat(last.awaitExit()).as(last.output()).isZero();
        assertThat(Files.readString(run.resolve("train.log"))).contains("temporary file(s) an interrupted write left");
        assertCompleteAndConsistent(run);
        ResumeTest.assertSameTraining(run, reference);
        System.out.println("CrashSafetyIT: killed with SIGKILL " + kills + "; resumed to the same weights");
    }

    @Test
    void ctrlCCheckpointsRecordsInterruptedAndExitsWith130() throws Exception {
        Path runs = temp.resolve("ctrl-c");
        // In a process group of its own, which a terminal's Ctrl-C signals as a whole: the launcher and the child.
        List<String> args = new ArrayList<>(List.of(yaml.toString(), "--runs-dir", runs.toString()));
        args.addAll(TINY);
        Runner training = Runner.start("ctrl-c", "exec setsid \"$@\"", args.toArray(String[]::new));
        training.awaitThen(() -> runDir(runs) != null && Files.exists(runDir(runs).resolve("checkpoints/last.zip")));
        assertThat(training.process.descendants()).as("the launcher's training JVM").hasSize(1);
        training.signalProcessGroup("INT");

        assertThat(training.awaitExit()).as(training.output()).isEqualTo(ExitCode.INTERRUPTED);
        Path run = onlyRun(runs);
        assertThat(training.output()).contains("SIGINT received").doesNotContain("Stopping at once")
                .contains("The run stopped ").contains("resume " + run).doesNotContain("Exception")
                .contains(Machine.current().tcmalloc().isPresent() ? ", tcmalloc" : ", allocator tuned");
        assertThat(summary(run).get("status").asText()).isEqualTo("interrupted");
        TrainingState state = CheckpointFile.readState(run.resolve("checkpoints/last.zip"));
        assertThat(state.completedEpochs() * 100 + state.current().batches()).as("work kept").isPositive();

        Runner resumed = Runner.resume(run, "ctrl-c-resumed");
        assertThat(resumed.awaitExit()).as(resumed.output()).isZero();
        assertCompleteAndConsistent(run);
        ResumeTest.assertSameTraining(run, reference);
    }

    @Test
    void aSecondSignalStopsAtOnceAndTheRunStillResumes() throws Exception {
        Path runs = temp.resolve("twice");
        Runner training = Runner.train(runs, "twice");
        training.awaitThen(() -> runDir(runs) != null && Files.exists(runDir(runs).resolve("checkpoints/last.zip")));
        training.signal("TERM");
        // The JVM handles each signal on its own thread, so two signals sent back to back may be seen in
        // either order; a user's second Ctrl-C comes after the first one's message.
        training.awaitThen(() -> training.output().contains("SIGTERM received"));
        training.signal("INT");

        assertThat(training.awaitExit()).as(training.output()).isEqualTo(ExitCode.INTERRUPTED);
        Path run = onlyRun(runs);
        assertThat(training.output()).contains("SIGTERM received").contains("Stopping at once")
                .doesNotContain("Exception");
        assertThat(summary(run).get("status").asText()).isEqualTo("interrupted");

        Runner resumed = Runner.resume(run, "twice-resumed");
        assertThat(resumed.awaitExit()).as(resumed.output()).isZero();
        assertCompleteAndConsistent(run);
        ResumeTest.assertSameTraining(run, reference);
    }

    @Test
    void aFullDiskFailsTheRunWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path runs = temp.resolve("full-disk");
        Runner first = Runner.train(runs, "full-disk-1", "--set", "training.epochs=1");
        assertThat(first.awaitExit()).as(first.output()).isZero();
        Path run = onlyRun(runs);

        // RLIMIT_FSIZE: writing past 50 MB fails with EFBIG as a full disk fails with ENOSPC; a checkpoint is 170 MB.
        Runner full = Runner.start("full-disk-2", "ulimit -f 50000; exec \"$@\"", "resume", run.toString(),
                "--epochs", "2");

        assertThat(full.awaitExit()).as(full.output()).isEqualTo(ExitCode.TRAINING_FAILED);
        assertThat(full.output()).contains("Training failed: Cannot write " + run.resolve("checkpoints/last.zip")
                + ": File too large").doesNotContain("\tat ");
        assertThat(summary(run).get("status").asText()).isEqualTo("failed");
        assertThat(CheckpointFile.readState(run.resolve("checkpoints/last.zip")).completedEpochs())
                .as("the last good checkpoint").isEqualTo(1);
        assertThat(temporaryFiles(run.resolve("checkpoints"))).isZero();
    }

    private static void assertCompleteAndConsistent(Path run) throws IOException {
        assertThat(summary(run).get("status").asText()).isEqualTo("completed");
        assertThat(Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[0]))
                .as("every epoch once").containsExactly("1", "2");
        try (Stream<Path> files = Files.walk(run)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try {
            assertThat(stats.listSessionIDs()).containsExactly(run.getFileName().toString());
        } finally {
            stats.close();
        }
    }

    private static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    private static int metricsEpochs(Path run) {
        try {
            return (int) Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long temporaryFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path runDir(Path runs) {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** One {@code java -jar runner.jar} process, its output in a file. */
    private record Runner(Process process, Path outputFile) {
        static Runner train(Path runs, String name, String... extra) throws IOException {
            List<String> args = new ArrayList<>(List.of(yaml.toString(), "--runs-dir", runs.toString()));
            args.addAll(TINY);
            args.addAll(List.of(extra));
            return start(name, "exec \"$@\"", args.toArray(String[]::new));
        }

        static Runner resume(Path run, String name) throws IOException {
            return start(name, "exec \"$@\"", "resume", run.toString());
        }

        /** Runs the jar through {@code bash -c script}, where {@code "$@"} is the java command line. */
        static Runner start(String name, String script, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("bash", "-c", script, "runner",
                    "java", "-jar", System.getProperty("runner.jar")));
            command.addAll(List.of(args));
            Path output = temp.resolve(name + ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            return new Runner(process, output);
        }

        /** Waits until {@code condition} holds while the process runs; fails if it ends first. */
        void awaitThen(BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!condition.getAsBoolean()) {
                if (!process.isAlive()) {
                    fail("The process ended before the point to stop it at:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    fail("The point to stop at never came:\n" + output());
                }
                Thread.sleep(1);
            }
        }

        /** kill -9 of the training JVM at the point {@code condition} marks, then of its launcher. */
        void awaitThenKill(BooleanSupplier condition) throws InterruptedException {
            awaitThen(condition);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }

        /** kill -9 of the launcher alone: the training JVM must stop by itself, at once. */
        void killLauncherOnly() throws InterruptedException {
            List<ProcessHandle> trainers = process.descendants().toList();
            assertThat(trainers).as("the launcher's training JVM").hasSize(1);
            process.destroyForcibly();
            process.waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (trainers.get(0).isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(trainers.get(0).isAlive()).as("the training JVM outlived its launcher").isFalse();
            assertThat(output()).contains("launcher process (pid " + process.pid() + ") ended; stopping at once");
        }

        void signal(String name) throws IOException, InterruptedException {
            assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
        }

        void signalProcessGroup(String name) throws IOException, InterruptedException {
            assertThat(new ProcessBuilder("kill", "-" + name, "--", "-" + process.pid()).start().waitFor()).isZero();
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("Still running after 5 minutes:\n" + output());
            }
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }
    }
}
