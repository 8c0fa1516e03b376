package dev.dl4jrunner.train;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.ParallelMode;
import dev.dl4jrunner.config.Parallelism;
import dev.dl4jrunner.config.WeightInitScheme;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** ParallelWrapper's workers leave their averaged model in the graph and their tallies in the epoch's sums. */
@Timeout(300)
class ParallelWrapperFitterTest {
    /**
     * Nesterov momentum: its step and its state are linear in the gradient, so the average of two workers' models is
     * the average of what each learned alone, up to rounding. Adam's first step is about the learning rate times the
     * gradient's sign, which rounding flips where a gradient is close to zero.
     */
    private static final OptimizerConfig MOMENTUM = new OptimizerConfig(OptimizerType.NESTEROVS, 1e-3, 0.9, 0.999,
            1e-7, 0.9, 0.9, 0);
    /** Adam's steps of about the learning rate reach shared gradients' threshold (1e-3); momentum's first ones do not. */
    private static final OptimizerConfig ADAM = new OptimizerConfig(OptimizerType.ADAM, 1e-3, 0.9, 0.999, 1e-7,
            0.9, 0.9, 0);

    @Test
    void twoWorkersLeaveTheAverageOfWhatEachLearnedAloneInTheGraph() {
        ComputationGraph graph = tinyGraph();
        List<DataSet> batches = batches(2);
        ComputationGraph alone0 = graph.clone();
        alone0.fit(batches.get(0));
        ComputationGraph alone1 = graph.clone();
        alone1.fit(batches.get(1));

        BatchTally.Sums sums = new ParallelWrapperFitter(graph, new Parallelism(2, ParallelMode.AVERAGING, 1))
                .fit(batches, 1, 0);

        INDArray expectedParams = alone0.params().add(alone1.params()).divi(2);
        INDArray expectedMomentum = alone0.getUpdater().getStateViewArray()
                .add(alone1.getUpdater().getStateViewArray()).divi(2);
        assertThat(graph.params().equalsWithEps(expectedParams, 1e-5))
                .as("parameters averaged into the graph; largest difference %s at %s",
                        graph.params().sub(expectedParams).amaxNumber(),
                        graph.params().sub(expectedParams).amax(0).argMax().getInt(0)).isTrue();
        assertThat(graph.getUpdater().getStateViewArray().equalsWithEps(expectedMomentum, 1e-5))
                .as("momentum averaged into the graph").isTrue();
        assertThat(graph.params().equalsWithEps(alone0.params(), 1e-5)).as("not worker 0's alone").isFalse();
        assertThat(sums.images()).as("both workers' images counted").isEqualTo(16);
        assertThat(sums.lossSum() / sums.images()).isBetween(0.0, 5.0);
    }

    @Test
    void anOddStepIsFittedWholeAndTheRunsListenersHearOnlyTheGraph() {
        ComputationGraph graph = tinyGraph();
        List<Model> heardFrom = new CopyOnWriteArrayList<>();
        BaseTrainingListener runListener = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                // No assertion here: an error thrown on a wrapper thread leaves DL4J's fit waiting for ever.
                heardFrom.add(model);
            }
        };
        graph.setListeners(runListener);
        INDArray before = graph.params().dup();
        ParallelWrapperFitter fitter = new ParallelWrapperFitter(graph, new Parallelism(2, ParallelMode.AVERAGING, 2));

        BatchTally.Sums sums = fitter.fit(batches(5), 1, 0);

        assertThat(fitter.batchesPerStep()).isEqualTo(4);
        assertThat(sums.images()).as("all 5 batches of 8").isEqualTo(40);
        assertThat(sums.correct()).isBetween(0L, 40L);
        assertThat(graph.getIterationCount()).as("2 rounds of 2 workers, then the last batch alone").isEqualTo(3);
        assertThat(heardFrom).hasSize(3).allMatch(model -> model == graph);
        assertThat(graph.getListeners()).containsExactly(runListener);
        assertThat(graph.params().equalsWithEps(before, 1e-7)).isFalse();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .as("no wrapper thread outlives the step")
                .noneMatch(name -> name.startsWith("ParallelWrapper training thread"));
    }

    @Test
    void sharedGradientsTrainTheGraph() {
        ComputationGraph graph = tinyGraph(ADAM);
        INDArray before = graph.params().dup();

        BatchTally.Sums sums = new ParallelWrapperFitter(graph,
                new Parallelism(2, ParallelMode.SHARED_GRADIENTS, 1)).fit(batches(4), 1, 0);

        assertThat(sums.images()).isEqualTo(32);
        assertThat(graph.params().equalsWithEps(before, 1e-7)).isFalse();
        assertThat(graph.params().isNaN().any()).isFalse();
    }

    private static ComputationGraph tinyGraph() {
        return tinyGraph(MOMENTUM);
    }

    private static ComputationGraph tinyGraph(OptimizerConfig optimizer) {
        // Without batch normalization: with DL4J's oneDNN helpers on (as after any test that starts the backend),
        // the averaged graph and the two trained alone differed by up to 4.6e-4 with it, in the suite and not
        // alone; batch statistics (running means and variances are parameters) are not what this test is about.
        return Vgg16Factory.build(new ModelConfig(List.of(8), 0.0, false, WeightInitScheme.XAVIER), optimizer,
                new InputConfig(32, 32, 3), 2, 42);
    }

    /** Batches of 8 random images, half of each class. */
    private static List<DataSet> batches(int count) {
        Nd4j.getRandom().setSeed(1);
        List<DataSet> batches = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> batches.add(new DataSet(Nd4j.rand(8, 3, 32, 32),
                Nd4j.create(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, 8, 1))));
        return batches;
    }
}
