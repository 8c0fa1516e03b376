package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchNormMomentsTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    @Test
    void trainsToExactlyTheWeightsAndRunningStatisticsOfDl4jsOwnHelper() {
        ComputationGraph moments = BatchNormMoments.apply(vgg());
        ComputationGraph dl4j = vgg();
        assertThat(normalizations(dl4j)).as("DL4J's oneDNN helper, the one compared with")
                .allMatch(layer -> layer.getHelper() instanceof MKLDNNBatchNormHelper);
        assertThat(normalizations(moments)).hasSize(normalizations(dl4j).size())
                .allMatch(layer -> layer.getHelper() instanceof BatchNormMoments.Helper);

        INDArray initial = dl4j.params().dup();
        for (int i = 0; i < 3; i++) {
            DataSet batch = Vgg16FactoryTest.randomBatch(i);
            moments.fit(batch);
            dl4j.fit(batch);
        }
        assertThat(dl4j.params()).as("training changed the weights").isNotEqualTo(initial);
        assertThat(normalizations(moments)).as("the helper computed batch statistics")
                .allMatch(layer -> ((BatchNormalizationHelper) layer.getHelper()).getMeanCache(DataType.FLOAT) != null);
        // params() holds the running mean and variance too, which the layer updates from the batch statistics.
        assertThat(moments.params()).isEqualTo(dl4j.params());
        INDArray features = Vgg16FactoryTest.randomBatch(9).getFeatures();
        assertThat(moments.outputSingle(false, features)).isEqualTo(dl4j.outputSingle(false, features));
    }

    @Test
    void aSavedModelIsPlainDl4jAndRestoresWithDl4jsHelper() throws Exception {
        ComputationGraph graph = BatchNormMoments.apply(BatchNormMoments.apply(vgg()));
        graph.fit(Vgg16FactoryTest.randomBatch(0));
        File file = temp.resolve("model.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);

        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertThat(restored.getConfiguration().toJson()).as("no class of the runner's").doesNotContain("dl4jrunner");
        assertThat(normalizations(restored)).allMatch(layer -> layer.getHelper() instanceof MKLDNNBatchNormHelper);
        assertThat(restored.params()).isEqualTo(graph.params());
    }

    @Test
    void normalizesAndBackpropagatesAsDl4jsHelperDoes() {
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.randn(DataType.FLOAT, 8, 16, 12, 12).muli(2).addi(0.7);
        INDArray gradient = Nd4j.randn(DataType.FLOAT, 8, 16, 12, 12);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 16).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.FLOAT, 16);
        BatchNormalizationHelper dl4j = new MKLDNNBatchNormHelper(DataType.FLOAT);
        BatchNormalizationHelper moments = new BatchNormMoments.Helper();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();

        INDArray expected = dl4j.preOutput(input, true, input.shape(), gamma, beta, null, null, 0.9, 1e-5,
                CNN2DFormat.NCHW, noWorkspaces);
        INDArray actual = moments.preOutput(input, true, input.shape(), gamma, beta, null, null, 0.9, 1e-5,
                CNN2DFormat.NCHW, noWorkspaces);
        assertThat(moments.getMeanCache(DataType.FLOAT)).isEqualTo(dl4j.getMeanCache(DataType.FLOAT));
        assertThat(moments.getVarCache(DataType.FLOAT)).isEqualTo(dl4j.getVarCache(DataType.FLOAT));
        assertThat(actual).isEqualTo(expected);

        INDArray dl4jGammaGradient = Nd4j.zeros(DataType.FLOAT, 16);
        INDArray dl4jBetaGradient = Nd4j.zeros(DataType.FLOAT, 16);
        INDArray gammaGradient = Nd4j.zeros(DataType.FLOAT, 16);
        INDArray betaGradient = Nd4j.zeros(DataType.FLOAT, 16);
        INDArray expectedInputGradient = dl4j.backpropGradient(input, gradient, input.shape(), gamma, beta,
                dl4jGammaGradient, dl4jBetaGradient, 1e-5, CNN2DFormat.NCHW, noWorkspaces).getSecond();
        INDArray inputGradient = moments.backpropGradient(input, gradient, input.shape(), gamma, beta,
                gammaGradient, betaGradient, 1e-5, CNN2DFormat.NCHW, noWorkspaces).getSecond();
        assertThat(inputGradient).isEqualTo(expectedInputGradient);
        assertThat(gammaGradient).isEqualTo(dl4jGammaGradient).isNotEqualTo(Nd4j.zeros(DataType.FLOAT, 16));
        assertThat(betaGradient).isEqualTo(dl4jBetaGradient);
    }

    @Test
    void theStatisticsAreOverEveryAxisButTheChannels() {
        assertThat(BatchNormMoments.Helper.reducedAxes(4, 1)).containsExactly(0, 2, 3);
        assertThat(BatchNormMoments.Helper.reducedAxes(4, 3)).containsExactly(0, 1, 2);
    }

    private static List<BatchNormalization> normalizations(ComputationGraph graph) {
        return Arrays.stream(graph.getLayers()).filter(BatchNormalization.class::isInstance)
                .map(BatchNormalization.class::cast).toList();
    }

    private static ComputationGraph vgg() {
        return Vgg16FactoryTest.vgg(32, List.of(16), true, 2);
    }
}
