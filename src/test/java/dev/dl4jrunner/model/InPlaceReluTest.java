package dev.dl4jrunner.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InPlaceReluTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    @Test
    void rectifyingInPlaceTrainsToExactlyTheSameWeightsAndOutputs() {
        ComputationGraph inPlace = ForwardPassCache.apply(InPlaceRelu.apply(vgg()), true);
        ComputationGraph copying = ForwardPassCache.apply(vgg(), true);
        assertThat(inPlace.getLayer("fe0_conv1_relu")).isInstanceOf(InPlaceRelu.Rectifier.class);
        assertThat(copying.getLayer("fe0_conv1_relu")).isNotInstanceOf(InPlaceRelu.Rectifier.class);

        for (int i = 0; i < 3; i++) {
            DataSet batch = Vgg16FactoryTest.randomBatch(i);
            inPlace.fit(batch);
            copying.fit(batch);
        }
        INDArray features = Vgg16FactoryTest.randomBatch(9).getFeatures();
        assertThat(inPlace.params()).isEqualTo(copying.params());
        assertThat(inPlace.outputSingle(false, features)).isEqualTo(copying.outputSingle(false, features));
        assertThat(inPlace.outputSingle(false, features).minNumber().doubleValue())
                .as("a rectified network still gives probabilities").isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void theWorkspaceOfAllActivationsHoldsOneCopyOfTheConvolutionsOutputLess() throws Exception {
        long inPlace = ForwardPassCacheTest.activationWorkspaceBytes(() -> ForwardPassCache.apply(InPlaceRelu.apply(vgg()), true));
        long copying = ForwardPassCacheTest.activationWorkspaceBytes(() -> ForwardPassCache.apply(vgg(), true));

        // The 13 convolutions' outputs at 32x32: 276,480 floats per image, 8 images.
        long convolutionOutputs = 276_480L * 8 * Float.BYTES;
        assertThat(copying - inPlace).isGreaterThan(convolutionOutputs * 9 / 10);
    }

    @Test
    void backpropagatingKeepsNoCopyOfTheReluInputInTheGradientWorkspaces() throws Exception {
        List<String> gradientWorkspaces = List.of("WS_LAYER_ACT_0", "WS_LAYER_ACT_1", "WS_LAYER_WORKING_MEM");
        long inPlace = ForwardPassCacheTest.workspaceBytes(() -> ForwardPassCache.apply(InPlaceRelu.apply(vgg()), true),
                gradientWorkspaces);
        long copying = ForwardPassCacheTest.workspaceBytes(() -> ForwardPassCache.apply(vgg(), true),
                gradientWorkspaces);

        // DL4J's ReLU layer copies its input and allocates its gradient beside it; the largest input at 32x32 is the
        // first convolutions' output, 64 channels of 32x32, 8 images: each of the two gradient workspaces holds one
        // copy less, and the working memory one.
        long largestInput = 64L * 32 * 32 * 8 * Float.BYTES;
        assertThat(copying - inPlace).isGreaterThan(largestInput * 3 * 9 / 10);
    }

    @Test
    void aSavedModelIsPlainDl4jAndTheLayersAreReplacedOnce() throws Exception {
        ComputationGraph graph = InPlaceRelu.apply(InPlaceRelu.apply(vgg()));
        graph.fit(Vgg16FactoryTest.randomBatch(0));
        File file = temp.resolve("model.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertThat(restored.getConfiguration().toJson()).as("no class of the runner's").doesNotContain("dl4jrunner");
        assertThat(restored.getLayer("fe0_conv1_relu")).isExactlyInstanceOf(ActivationLayer.class);
        assertThat(graph.getLayers()).filteredOn(InPlaceRelu.Rectifier.class::isInstance).hasSize(13);
        assertThat(graph.getVertices()).filteredOn(vertex -> vertex.hasLayer()
                && vertex.getLayer() instanceof InPlaceRelu.Rectifier).hasSize(13);
    }

    private static ComputationGraph vgg() {
        return Vgg16FactoryTest.vgg(32, List.of(16), true, 2);
    }
}
