package dev.dl4jrunner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.dl4jrunner.config.ExperimentFiles.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigYamlTest {
    @TempDir
    Path dir;
    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir);
    }

    @Test
    void rendersEveryKeyInSchemaOrder() throws Exception {
        assertThat(ConfigYaml.render(files.load(MINIMAL))).isEqualTo("""
                name: test
                seed: 42
                data:
                  dir: %s
                  layout: auto
                  classes: []
                  split: 0.8
                  limit_per_class: null
                  on_bad_image: skip
                  augment:
                    horizontal_flip: false
                    random_crop: 0.0
                input:
                  shape: [64, 64, 3]
                model:
                  dense: [4096, 4096]
                  dropout: 0.0
                  batch_norm: false
                  weight_init: xavier
                optimizer:
                  type: adam
                  learning_rate: 0.001
                  weight_decay: 0.0
                  beta1: 0.9
                  beta2: 0.999
                  epsilon: 1e-7
                training:
                  epochs: 3
                  batch_size: 32
                  workers: 1
                  parallel_mode: averaging
                  averaging_frequency: 1
                  cache_forward_pass: true
                  early_stopping: null
                checkpoints:
                  every_iterations: 0
                  every_minutes: 10.0
                  every_epochs: 0
                  keep_last: 3
                """.formatted(dir.resolve("images")));
    }

    @Test
    void defaultsRoundTrip() throws Exception {
        assertRoundTrip(files.load(MINIMAL));
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void everyOptimizerTypeRoundTrips(OptimizerType type) throws Exception {
        assertRoundTrip(files.load(MINIMAL, "optimizer.type=" + type.name().toLowerCase()));
    }

    @Test
    void everythingSetRoundTrips() throws Exception {
        assertRoundTrip(new ExperimentConfig(
                "1e5",
                Long.MIN_VALUE,
                new DataConfig(dir.resolve("my images: #1"), DataLayout.PREFIX, List.of("true", "010", "null", "- a"),
                        0.1 + 0.2, OptionalInt.of(Integer.MAX_VALUE), BadImagePolicy.FAIL,
                        new AugmentConfig(true, 0.49)),
                new InputConfig(224, 224, 1),
                new ModelConfig(List.of(1, 2, 3), 1e-9, true, WeightInitScheme.RELU),
                new OptimizerConfig(OptimizerType.NESTEROVS, 1.0 / 3, 0.9, 0.999, 1e-7, 0.99, 0.9, 12345.678),
                new TrainingConfig(1000, 1, Optional.of(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 1, 0.0)),
                        new Parallelism(8, ParallelMode.SHARED_GRADIENTS, 5), false),
                new CheckpointConfig(7, 2.5, 2, 100), Optional.empty()));
    }

    @Test
    void hashIsTheSha256OfTheRenderedText() throws Exception {
        ExperimentConfig config = files.load(MINIMAL);

        assertThat(ConfigYaml.hash(config))
                .isEqualTo(ConfigYaml.sha256(ConfigYaml.render(config)))
                .isEqualTo(ConfigYaml.hash(files.load(MINIMAL + "seed: 42\n")))
                .isNotEqualTo(ConfigYaml.hash(files.load(MINIMAL + "seed: 43\n")))
                .matches("[0-9a-f]{64}");
        assertThat(ConfigYaml.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private void assertRoundTrip(ExperimentConfig config) throws Exception {
        assertThat(files.load(ConfigYaml.render(config))).isEqualTo(config);
    }
}
