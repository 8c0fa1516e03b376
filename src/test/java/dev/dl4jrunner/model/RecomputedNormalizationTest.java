package dev.dl4jrunner.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecomputedNormalizationTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    @Test
    void recomputingTheNormalizedOutputsTrainsToExactlyTheSameWeightsAndOutputs() {
        ComputationGraph recomputing = RecomputedNormalization.apply(kept());
        ComputationGraph keeping = kept();
        assertThat(recomputing.getLayer("fe0_conv2").getHelper()).as("the convolution after a normalization")
                .isNotExactlyInstanceOf(MKLDNNConvHelper.class);
        assertThat(recomputing.getLayer("fe0_mp").getHelper()).as("the pooling after a normalization")
                .isNotExactlyInstanceOf(MKLDNNSubsamplingHelper.class);
        assertThat(recomputing.getLayer("fe0_conv1").getHelper()).as("the first convolution reads the images")
                .isExactlyInstanceOf(MKLDNNConvHelper.class);

        for (int i = 0; i < 3; i++) {
            DataSet batch = Vgg16FactoryTest.randomBatch(i);
            recomputing.fit(batch);
            keeping.fit(batch);
        }
        INDArray features = Vgg16FactoryTest.randomBatch(9).getFeatures();
        assertThat(recomputing.params()).isEqualTo(keeping.params());
        assertThat(recomputing.outputSingle(false, features)).isEqualTo(keeping.outputSingle(false, features));
    }

    @Test
    void theWorkspaceOfAllActivationsHoldsNoNormalizedOutput() throws Exception {
        long recomputing = ForwardPassCacheTest.activationWorkspaceBytes(() -> RecomputedNormalization.apply(kept()));
        long keeping = ForwardPassCacheTest.activationWorkspaceBytes(RecomputedNormalizationTest::kept);

        // The 13 normalizations' outputs at 32x32 (the convolutions' sizes): 276,480 floats per image, 8 images.
        long normalizedOutputs = 276_480L * 8 * Float.BYTES;
        assertThat(keeping - recomputing).isGreaterThan(normalizedOutputs * 9 / 10);
    }

    @Test
    void aSavedModelIsPlainDl4jAndTheHelpersAreReplacedOnce() throws Exception {
        ComputationGraph graph = RecomputedNormalization.apply(RecomputedNormalization.apply(kept()));
        graph.fit(Vgg16FactoryTest.randomBatch(0));
        File file = temp.resolve("model.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertThat(restored.getConfiguration().toJson()).as("no class of the runner's").doesNotContain("dl4jrunner");
        assertThat(restored.getLayer("fe0_conv2").getHelper()).isExactlyInstanceOf(MKLDNNConvHelper.class);
        assertThat(restored.params()).isEqualTo(graph.params());
        // Of VGG16's 13 normalizations, 8 are followed by a convolution and 5 by a pooling layer.
        assertThat(graph.getLayers()).filteredOn(layer -> layer instanceof ConvolutionLayer
                && !(layer instanceof SubsamplingLayer) && layer.getHelper() != null
                && layer.getHelper().getClass() != MKLDNNConvHelper.class).hasSize(8);
        assertThat(graph.getLayers()).filteredOn(layer -> layer instanceof SubsamplingLayer
                && layer.getHelper().getClass() != MKLDNNSubsamplingHelper.class).hasSize(5);
    }

    @Test
    void listenersGetNoActivationsForTheNormalizationsAndRelusInTheScratchArray() {
        ComputationGraph graph = RecomputedNormalization.apply(kept());
        Set<String> seen = new HashSet<>();
        graph.addListeners(new BaseTrainingListener() {
            @Override
            public void onForwardPass(Model model, Map<String, INDArray> activations) {
                seen.addAll(activations.keySet());
            }
        });
        graph.fit(Vgg16FactoryTest.randomBatch(0));

        assertThat(seen).contains("fe0_conv1", "fe0_conv2", "fe0_mp")
                .doesNotContain("fe0_conv1_bn", "fe0_conv1_relu", "fe4_conv3_bn", "fe4_conv3_relu");
    }

    @Test
    void withoutTheForwardPassKeptNothingIsRecomputed() {
        ComputationGraph graph = TrainingLayers.apply(vgg(), false);
        assertThat(graph.getLayer("fe0_conv2").getHelper()).isExactlyInstanceOf(MKLDNNConvHelper.class);
    }

    /** The graph as the runner trains it with the forward pass kept, before this change. */
    private static ComputationGraph kept() {
        return ForwardPassCache.apply(BatchNormMoments.apply(InPlaceRelu.apply(vgg())), true);
    }

    private static ComputationGraph vgg() {
        return Vgg16FactoryTest.vgg(32, List.of(16), true, 2);
    }
}
