package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code experiments/sweep-local.sh} for real, on the tiny experiment: two runs, then the runs table. */
class SweepLocalIT {
    @TempDir
    Path temp;

    @Test
    void theSweepTrainsEveryCombinationIntoOneRunsDirectoryAndRanksThem() throws Exception {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        Files.writeString(yaml, Files.readString(yaml).replace("data:\n", "data:\n  limit_per_class: 10\n"));
        Path runs = temp.resolve("sweep");
        Path out = temp.resolve("out.txt");
        ProcessBuilder sweep = new ProcessBuilder("experiments/sweep-local.sh")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        sweep.environment().putAll(Map.of("EXPERIMENT", yaml.toString(), "RUNS_DIR", runs.toString(),
                "LEARNING_RATES", "1e-3 1e-4", "DENSE_WIDTHS", "8", "EPOCHS", "1",
                "RUNNER_JAR", System.getProperty("runner.jar")));
        Process process = sweep.start();

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        List<Path> dirs;
        try (Stream<Path> list = Files.list(runs)) {
            dirs = list.sorted().toList();
        }
        assertThat(dirs).hasSize(2);
        for (Path dir : dirs) {
            assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("status").asText())
                    .isEqualTo("completed");
            assertThat(Files.readString(dir.resolve("overrides.txt"))).contains("model.dense=[8, 8]")
                    .contains("training.epochs=1");
            assertThat(printed).as("the runs table names every run").contains(dir.getFileName().toString());
        }
        assertThat(printed).contains("== optimizer.learning_rate=1e-3 model.dense=[8, 8]")
                .contains("== optimizer.learning_rate=1e-4 model.dense=[8, 8]");
    }
}
