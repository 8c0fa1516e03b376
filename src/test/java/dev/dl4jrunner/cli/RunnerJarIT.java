package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.launch.Machine;
import dev.dl4jrunner.launch.ProcessTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar target/runner.jar}, as a user runs it: two trainings started together, as a shell loop with &. */
class RunnerJarIT {
    @TempDir
    Path temp;

    @Test
    void twoRunsStartedTogetherBothCompleteInTheirOwnDirectories() throws Exception {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        Path runs = temp.resolve("runs");

        Path cache = temp.resolve("cache");

        List<Process> processes = new ArrayList<>();
        for (String lr : List.of("1e-3", "1e-4")) {
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("runner.jar"),
                    yaml.toString(), "--runs-dir", runs.toString(), "--set", "data.limit_per_class=10",
                    "--set", "optimizer.learning_rate=" + lr)
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("out-" + lr + ".txt").toFile());
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
            processes.add(builder.start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        }
        for (String lr : List.of("1e-3", "1e-4")) {
            String out = Files.readString(temp.resolve("out-" + lr + ".txt"), StandardCharsets.UTF_8);
            assertThat(out).as(out).contains("Completed 1 epoch").doesNotContain("Exception");
        }
        assertThat(processes).allMatch(p -> p.exitValue() == 0);

        List<Path> dirs;
        try (Stream<Path> list = Files.list(runs)) {
            dirs = list.sorted().toList();
        }
        assertThat(dirs).hasSize(2);
        List<String> overrides = new ArrayList<>();
        for (Path dir : dirs) {
            assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("status").asText())
                    .isEqualTo("completed");
            overrides.add(Files.readString(dir.resolve("overrides.txt")).lines().toList().get(1));
            assertThat(ProcessTuning.tunedAllocator(tuning(dir))).as("trained in the launcher's tuned JVM")
                    .contains(Machine.current().tcmalloc().isPresent() ? "tcmalloc" : "allocator tuned");
        }
        assertThat(overrides).containsExactlyInAnyOrder("optimizer.learning_rate=1e-3", "optimizer.learning_rate=1e-4");
        try (Stream<Path> files = Files.list(cache.resolve("dl4j-runner"))) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("runner-")))
                    .as("one class-data archive for the next command, from either run").singleElement()
                    .satisfies(name -> assertThat(name).endsWith(".jsa"));
        }
    }

    /** The tuning variables {@code run}'s training JVM had, as its provenance records them. */
    private static Map<String, String> tuning(Path run) throws IOException {
        Map<String, String> tuning = new LinkedHashMap<>();
        new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).at("/backend/tuning").properties()
                .forEach(variable -> tuning.put(variable.getKey(), variable.getValue().asText()));
        return tuning;
    }

    /** The warm-up needs glibc's allocator tuned by the launcher; a user who exports its settings chooses it. */
    @Test
    void aSecondRunOfAModelWritesAheadTheNativeMemoryTheFirstMeasured() throws Exception {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        Path cache = temp.resolve("cache");

        String first = train(yaml, cache, "out-1.txt");
        Path need;
        try (Stream<Path> files = Files.list(cache.resolve("dl4j-runner"))) {
            need = files.filter(file -> file.getFileName().toString().startsWith("heap-")).findFirst().orElseThrow();
        }
        long bytes = Long.parseLong(Files.readAllLines(need).get(0));
        String second = train(yaml, cache, "out-2.txt");

        assertThat(first).as("nothing measured yet").doesNotContain("Native memory");
        assertThat(bytes).as("what the first two iterations added to the heap").isPositive();
        assertThat(second).contains(String.format(java.util.Locale.ROOT, "Native memory: %.2f GiB being written "
                + "ahead of the first iterations", bytes / 1073741824.0)).contains("Completed 1 epoch");
    }

    /** Trains {@code yaml} on 20 images with the cache in {@code cache}; returns what it printed. */
    private String train(Path yaml, Path cache, String output) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("runner.jar"), yaml.toString(),
                "--runs-dir", temp.resolve("runs").toString(), "--set", "data.limit_per_class=10")
                .redirectErrorStream(true).redirectOutput(temp.resolve(output).toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().putAll(ProcessTuning.ALLOCATOR);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        String out = Files.readString(temp.resolve(output));
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aUsersOwnAllocatorSettingIsKept() throws Exception {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        Path runs = temp.resolve("runs");
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("runner.jar"), yaml.toString(),
                "--runs-dir", runs.toString(), "--set", "data.limit_per_class=10")
                .redirectErrorStream(true).redirectOutput(temp.resolve("out.txt").toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("out.txt"))).isZero();

        Path run;
        try (Stream<Path> list = Files.list(runs)) {
            run = list.findFirst().orElseThrow();
        }
        assertThat(tuning(run)).containsEntry("MALLOC_ARENA_MAX", "2")
                .doesNotContainKeys("MALLOC_MMAP_THRESHOLD_", "LD_PRELOAD");
    }

    @Test
    void aBrokenExperimentGetsAMessageNotAStackTrace() throws IOException, InterruptedException {
        Path yaml = Files.writeString(temp.resolve("broken.yaml"), "name: [unclosed\n");
        Process process = new ProcessBuilder("java", "-jar", System.getProperty("runner.jar"), yaml.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(out).startsWith(yaml + ": 1 error").doesNotContain("\tat ");
    }
}
