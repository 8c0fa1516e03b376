package dev.dl4jrunner.train;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.WeightInitScheme;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ForwardPassCache;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SingleDeviceFitterTest {
    private static final OptimizerConfig ADAM =
            new OptimizerConfig(OptimizerType.ADAM, 1e-3, 0.9, 0.999, 1e-7, 0.9, 0.9, 0);

    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void eachBatchAddsItsCrossEntropyBeforeTheUpdateAsTheTrainingLoss(int classes) {
        ComputationGraph graph = ForwardPassCache.apply(Vgg16Factory.build(
                new ModelConfig(List.of(16), 0.0, true, WeightInitScheme.XAVIER), ADAM, new InputConfig(32, 32, 3),
                classes, 42), true);
        Nd4j.getRandom().setSeed(7);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32), labels(classes));
        SingleDeviceFitter fitter = new SingleDeviceFitter(graph, 1);

        double first = 0;
        double last = 0;
        for (int step = 0; step < 4; step++) {
            // The same weights and the same batch statistics the fit's forward pass sees.
            double before = graph.score(batch, true);
            BatchTally.Sums sums = fitter.fit(List.of(batch), 1, step);

            assertThat(sums.images()).isEqualTo(8);
            assertThat(sums.lossSum() / sums.images()).as("step %d", step).isCloseTo(before, within(1e-4));
            first = step == 0 ? before : first;
            last = before;
        }
        assertThat(last).as("the batch is being learned").isLessThan(first / 2);
    }

    private static INDArray labels(int classes) {
        if (classes == 2) {
            return Nd4j.create(new float[] {0, 1, 0, 1, 1, 0, 0, 1}, 8, 1);
        }
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 8, classes);
        for (int i = 0; i < 8; i++) {
            oneHot.putScalar(i, i % classes, 1.0);
        }
        return oneHot;
    }
}
