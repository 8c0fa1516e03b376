package dev.dl4jrunner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The experiment files in {@code experiments/} validate and say what their comments promise. */
class ShippedExperimentsTest {
    private static final Path WORKING_DIR = Path.of("").toAbsolutePath();
    private static final Path DOGS_VS_CATS = WORKING_DIR.resolve("data/dogs-vs-cats/train");

    @Test
    void vgg16Small() throws Exception {
        ExperimentConfig config = load("vgg16-small");

        assertThat(config.data().augment()).isEqualTo(new AugmentConfig(true, 0.0));
        assertThat(config.input()).isEqualTo(new InputConfig(64, 64, 3));
        assertThat(config.model()).isEqualTo(new ModelConfig(List.of(100, 100), 0.0, true, WeightInitScheme.XAVIER));
        assertThat(config.optimizer().learningRate()).isEqualTo(1e-4);
        assertTrainsDogsVsCats(config, "vgg16-small");
    }

    @Test
    void vgg16Walkthrough() throws Exception {
        ExperimentConfig config = load("vgg16-walkthrough");

        assertThat(config.data().augment()).isEqualTo(AugmentConfig.NONE);
        assertThat(config.input()).isEqualTo(new InputConfig(64, 64, 3));
        assertThat(config.model()).isEqualTo(new ModelConfig(List.of(100, 100), 0.0, false, WeightInitScheme.XAVIER));
        assertThat(config.optimizer().learningRate()).isEqualTo(1e-5);
        assertTrainsDogsVsCats(config, "vgg16-walkthrough");
    }

    @Test
    void vgg16AsInThePaper() throws Exception {
        ExperimentConfig config = load("vgg16");

        assertThat(config.input()).isEqualTo(new InputConfig(224, 224, 3));
        assertThat(config.model()).isEqualTo(new ModelConfig(List.of(4096, 4096), 0.0, false, WeightInitScheme.XAVIER));
        assertThat(config.optimizer().learningRate()).isEqualTo(1e-5);
        assertTrainsDogsVsCats(config, "vgg16");
    }

    @Test
    void smoke() throws Exception {
        ExperimentConfig config = load("smoke");

        assertThat(config.name()).isEqualTo("smoke");
        assertThat(config.data().dir()).isEqualTo(DOGS_VS_CATS);
        assertThat(config.data().limitPerClass()).isEqualTo(OptionalInt.of(100));
        assertThat(config.input()).isEqualTo(new InputConfig(32, 32, 3));
        assertThat(config.model()).isEqualTo(new ModelConfig(List.of(16, 16), 0.0, true, WeightInitScheme.XAVIER));
        assertThat(config.optimizer().type()).isEqualTo(OptimizerType.ADAM);
        assertThat(config.optimizer().learningRate()).isEqualTo(1e-4);
        assertThat(config.training().epochs()).isEqualTo(2);
        assertThat(config.training().batchSize()).isEqualTo(16);
    }

    private static void assertTrainsDogsVsCats(ExperimentConfig config, String name) {
        assertThat(config.name()).isEqualTo(name);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.data().dir()).isEqualTo(DOGS_VS_CATS);
        assertThat(config.data().split()).isEqualTo(0.8);
        assertThat(config.data().limitPerClass()).isEmpty();
        assertThat(config.optimizer().type()).isEqualTo(OptimizerType.ADAM);
        assertThat(config.training().epochs()).isEqualTo(15);
        assertThat(config.training().batchSize()).isEqualTo(32);
    }

    private static ExperimentConfig load(String name) throws ConfigException {
        return ExperimentLoader.load(Path.of("experiments", name + ".yaml"), List.of(), WORKING_DIR);
    }
}
