package dev.dl4jrunner.model;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.WeightInitScheme;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Vgg16FactoryTest {
    static final OptimizerConfig ADAM = new OptimizerConfig(OptimizerType.ADAM, 1e-4, 0.9, 0.999, 1e-7, 0.9, 0.9, 0);

    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    /** Eight random 32x32 images with random binary labels, the same for the same seed. */
    static DataSet randomBatch(int seed) {
        Nd4j.getRandom().setSeed(seed);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32).subi(0.5),
                Nd4j.rand(DataType.FLOAT, 8, 1).gt(0.5).castTo(DataType.FLOAT));
    }

    static ComputationGraph vgg(int size, List<Integer> dense, boolean batchNorm, int classes) {
        return Vgg16Factory.build(new ModelConfig(dense, 0.0, batchNorm, WeightInitScheme.XAVIER), ADAM,
                new InputConfig(size, size, 3), classes, 42);
    }

    @Test
    void plainVgg16HasThePapersConvolutionsAndTheWalkthroughsLayerNames() {
        ComputationGraph graph = vgg(64, List.of(100, 100), false, 2);

        List<ModelSummary.Row> rows = ModelSummary.rows(graph, InputType.convolutional(64, 64, 3));
        assertThat(rows).extracting(ModelSummary.Row::name).containsExactly(
                "fe0_conv1", "fe0_conv2", "fe0_mp", "fe1_conv1", "fe1_conv2", "fe1_mp",
                "fe2_conv1", "fe2_conv2", "fe2_conv3", "fe2_mp", "fe3_conv1", "fe3_conv2", "fe3_conv3", "fe3_mp",
                "fe4_conv1", "fe4_conv2", "fe4_conv3", "fe4_mp", "feature", "fc0", "fc1", "logits", "output");
        // 14,714,688 convolution parameters (VGG16 without its classifier) + 2048*100+100 + 100*100+100 + 100+1.
        assertThat(graph.numParams()).isEqualTo(14_714_688L + 204_900 + 10_100 + 101);
        assertThat(rows).filteredOn(r -> r.name().equals("fe4_mp")).extracting(ModelSummary.Row::outputShape)
                .containsExactly("512x2x2");
        assertThat(rows).filteredOn(r -> r.name().equals("output")).extracting(ModelSummary.Row::outputShape)
                .containsExactly("1");
    }

    @Test
    void papersDenseWidthsGiveTheKnownParameterCountAt224() {
        // Configuration only: initialising 134M parameters is not needed to count them.
        var conf = Vgg16Factory.configure(new ModelConfig(List.of(4096, 4096), 0.5, false, WeightInitScheme.XAVIER),
                ADAM, new InputConfig(224, 224, 3), 1000, 1);
        var types = conf.getLayerActivationTypes(InputType.convolutional(224, 224, 3));
        assertThat(types.get("feature").arrayElementsPerExample()).isEqualTo(7 * 7 * 512);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(null, false);
        // torchvision's vgg16 has 138,357,544 parameters for 1000 classes.
        assertThat(graph.numParams()).isEqualTo(138_357_544L);
    }

    @Test
    void batchNormalizationFollowsEveryConvolutionAndOneDnnHelpersAreAttached() {
        ComputationGraph graph = vgg(32, List.of(16), true, 3);

        Map<String, String> helpers = Backend.attachedHelpers(graph);
        assertThat(helpers).containsEntry("fe0_conv1", "MKLDNNConvHelper")
                .containsEntry("fe4_conv3", "MKLDNNConvHelper")
                .containsEntry("fe0_mp", "MKLDNNSubsamplingHelper")
                .containsEntry("fe4_mp", "MKLDNNSubsamplingHelper")
                .containsEntry("fe0_conv1_bn", "MKLDNNBatchNormHelper");
        assertThat(Backend.describe().oneDnnHelpers()).isTrue();

        INDArray probabilities = graph.outputSingle(Nd4j.rand(2, 3, 32, 32));
        assertThat(probabilities.shape()).containsExactly(2, 3);
        assertThat(probabilities.sum(1).getDouble(0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void withBatchNormalizationEveryConvolutionIsNormalizedThenRectified() {
        ComputationGraph graph = vgg(32, List.of(16), true, 2);

        List<String> names = ModelSummary.rows(graph, InputType.convolutional(32, 32, 3)).stream()
                .map(ModelSummary.Row::name).toList();
        assertThat(names).startsWith("fe0_conv1", "fe0_conv1_bn", "fe0_conv1_relu",
                "fe0_conv2", "fe0_conv2_bn", "fe0_conv2_relu", "fe0_mp");
        assertThat(names).filteredOn(n -> n.endsWith("_relu")).hasSize(13);

        // Zero-mean input makes half of every normalized feature map negative: only a ReLU removes them.
        Map<String, INDArray> activations = graph.feedForward(Nd4j.randn(2, 3, 32, 32), true);
        assertThat(activations.get("fe0_conv1_bn").minNumber().doubleValue()).isNegative();
        for (int block = 0; block < Vgg16Factory.BLOCKS.size(); block++) {
            assertThat(activations.get("fe" + block + "_mp").minNumber().doubleValue())
                    .as("block %d's output", block).isGreaterThanOrEqualTo(0.0);
        }
    }
}
