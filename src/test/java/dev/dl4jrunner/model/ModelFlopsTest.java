package dev.dl4jrunner.model;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.WeightInitScheme;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFlopsTest {
    private static final OptimizerConfig ADAM =
            new OptimizerConfig(OptimizerType.ADAM, 1e-4, 0.9, 0.999, 1e-7, 0.9, 0.9, 0);

    @Test
    void thePapersVgg16DoesTheWellKnown15Point5BillionMultiplyAddsPerImage() {
        ModelFlops flops = flops(new ModelConfig(List.of(4096, 4096), 0, false, WeightInitScheme.XAVIER),
                new InputConfig(224, 224, 3), 1000);

        // 15,346,630,656 multiply-adds in the 13 convolutions, 123,633,664 in the three dense layers.
        assertThat(flops.forwardPerImage()).isEqualTo(2 * (15_346_630_656L + 123_633_664L));
        assertThat(flops.trainingPerImage()).isEqualTo(3 * flops.forwardPerImage());
    }

    @Test
    void eachLayerIsCountedFromItsOwnShapes() {
        ModelFlops flops = flops(new ModelConfig(List.of(100, 100), 0, true, WeightInitScheme.XAVIER),
                new InputConfig(64, 64, 3), 2);

        assertThat(flops.forwardByLayer())
                .containsEntry("fe0_conv1", 2L * 3 * 3 * 3 * 64 * 64 * 64)
                .containsEntry("fe4_conv3", 2L * 3 * 3 * 512 * 512 * 4 * 4)
                .containsEntry("fc0", 2L * 2048 * 100)
                .containsEntry("logits", 2L * 100)
                .doesNotContainKey("fe0_conv1_bn")
                .hasSize(13 + 3);
    }

    private static ModelFlops flops(ModelConfig model, InputConfig input, int classes) {
        return ModelFlops.of(Vgg16Factory.configure(model, ADAM, input, classes, 1),
                InputType.convolutional(input.height(), input.width(), input.channels()));
    }
}
