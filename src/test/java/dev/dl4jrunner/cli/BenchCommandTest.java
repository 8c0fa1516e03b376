package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner bench} on a tiny experiment: every number is there and plausible, and nothing is written. */
class BenchCommandTest {
    @TempDir
    Path temp;

    @Test
    void measuresTheExperimentsModelOnItsImagesAndWritesNothing() throws IOException {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());

        CliRun bench = CliRun.of("bench", yaml.toString(), "--iterations", "2", "--warmup", "1", "--format", "json",
                "--set", "data.limit_per_class=20");

        assertThat(bench.err()).isEmpty();
        assertThat(bench.exitCode()).isZero();
        JsonNode result = new ObjectMapper().readTree(bench.out());
        assertThat(result.get("input_shape").toString()).isEqualTo("[32,32,3]");
        for (String rate : new String[] {"train_images_per_second", "inference_images_per_second",
                "pipeline_images_per_second", "gemm_peak_gflops", "achieved_gflops"}) {
            assertThat(result.get(rate).asDouble()).as(rate).isPositive();
        }
        assertThat(result.get("inference_images_per_second").asDouble()).as("a forward pass is cheaper than a step")
                .isGreaterThan(result.get("train_images_per_second").asDouble());
        assertThat(result.get("seconds_to_first_iteration").asDouble()).isPositive();
        JsonNode startup = result.get("startup_seconds");
        assertThat(startup.fieldNames()).toIterable().as("the start-up's phases, in order").containsExactly("launcher",
                "jvm_and_experiment", "backend", "model", "first_batch", "first_fit");
        double phases = 0;
        for (JsonNode phase : startup) {
            phases += phase.asDouble();
        }
        assertThat(phases).as("the phases add up to the whole")
                .isCloseTo(result.get("seconds_to_first_iteration").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(startup.get("first_fit").asDouble()).as("a training step takes time").isPositive();
        assertThat(result.get("checkpoint_seconds").asDouble()).as("a checkpoint was written and timed").isPositive();
        assertThat(result.get("loop_overhead_share").asDouble()).as("listeners plus the checkpoint's share")
                .isGreaterThan(result.get("listener_overhead_share").asDouble());
        assertThat(result.get("peak_resident_bytes").asLong()).isGreaterThan(result.get("peak_heap_bytes").asLong());
        // VGG16's convolutions at 32x32: 1/49 of 15.35 G multiply-adds at 224x224, plus 512x8 + 8x1 dense.
        assertThat(result.get("forward_gflop_per_image").asDouble()).isCloseTo(2 * 0.31320 + 0.0000082,
                org.assertj.core.data.Offset.offset(0.001));
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(yaml);
        }
    }

    @Test
    void aBadFormatIsABadCommandLine() throws IOException {
        CliRun bench = CliRun.of("bench", TinyExperiment.write(temp, SharedData.trainDir()).toString(),
                "--format", "xml");

        assertThat(bench.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bench.err()).startsWith("--format must be text or json, found 'xml'");
    }
}
