package dev.dl4jrunner.train;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.WeightInitScheme;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.SummaryType;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class UiStatsRecorderTest {
    @TempDir
    Path temp;

    @Test
    void reportsOncePerIntervalWithWhatDl4jsUiDraws() throws Exception {
        Path stats = Files.createDirectories(temp.resolve("runs/run")).resolve("stats.dl4j");
        ComputationGraph graph = smallGraph();
        int interval = UiStatsRecorder.reportingInterval(100);
        try (UiStatsRecorder ignored = UiStatsRecorder.attach(stats, "run", graph, 100)) {
            DataSet batch = new DataSet(Nd4j.rand(4, 3, 8, 8), Nd4j.eye(4).getColumns(0, 1));
            for (int i = 0; i <= 2 * interval; i++) {
                graph.fit(batch);
            }
        }

        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            String worker = storage.listWorkerIDsForSession("run").get(0);
            List<StatsReport> reports = storage.getAllUpdatesAfter("run", "StatsListener", worker, 0).stream()
                    .map(StatsReport.class::cast).toList();
            assertThat(reports).extracting(StatsReport::getIterationCount).containsExactly(interval, 2 * interval);
            for (StatsReport report : reports) {
                // The model page: parameter and update histograms, update:parameter ratios, activations mean +- stdev.
                assertThat(report.hasHistograms(StatsType.Parameters)).isTrue();
                assertThat(report.hasHistograms(StatsType.Updates)).isTrue();
                assertThat(report.getMeanMagnitudes(StatsType.Parameters)).containsKey("conv_W");
                assertThat(report.getMeanMagnitudes(StatsType.Updates)).containsKey("conv_W");
                assertThat(report.getMean(StatsType.Activations)).containsKey("conv");
                // The overview: standard deviations of activations, gradients and updates.
                assertThat(report.getStdev(StatsType.Activations)).containsKey("conv");
                assertThat(report.getStdev(StatsType.Gradients)).containsKey("conv_W");
                assertThat(report.getStdev(StatsType.Updates)).containsKey("conv_W");
                // Not drawn anywhere, and the costliest to compute.
                assertThat(report.getHistograms(StatsType.Activations)).isNullOrEmpty();
                assertThat(report.getHistograms(StatsType.Gradients)).isNullOrEmpty();
                assertThat(report.hasSummaryStats(StatsType.Activations, SummaryType.MeanMagnitudes)).isFalse();
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void theScoreChartShowsEachReportedBatchsCrossEntropyBeforeItsUpdate() {
        Backend.enableLayerHelpers();
        ComputationGraph graph = Vgg16Factory.build(new ModelConfig(List.of(16), 0.0, true, WeightInitScheme.XAVIER),
                new OptimizerConfig(OptimizerType.ADAM, 1e-3, 0.9, 0.999, 1e-7, 0.9, 0.9, 0),
                new InputConfig(32, 32, 3), 2, 42);
        int interval = 3;
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        graph.setListeners(UiStatsRecorder.listener(storage, "run", interval));
        Nd4j.getRandom().setSeed(3);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32),
                Nd4j.create(new float[] {0, 1, 0, 1, 1, 0, 0, 1}, 8, 1));
        List<Double> before = new ArrayList<>();
        for (int i = 0; i <= 2 * interval; i++) {
            before.add(graph.score(batch, true));
            graph.fit(batch);
        }

        List<StatsReport> reports = reports(storage);
        assertThat(reports).extracting(StatsReport::getIterationCount).containsExactly(interval, 2 * interval);
        for (StatsReport report : reports) {
            assertThat(report.getScore()).as("iteration %d", report.getIterationCount())
                    .isCloseTo(before.get(report.getIterationCount()), within(1e-4));
        }
        assertThat(before.get(2 * interval)).as("the batch is being learned").isLessThan(before.get(0) / 2);
    }

    @Test
    void theStandardDeviationsAreTheOnesDl4jComputesItself() {
        ComputationGraph graph = smallGraph();
        int interval = 3;
        InMemoryStatsStorage ours = new InMemoryStatsStorage();
        InMemoryStatsStorage dl4js = new InMemoryStatsStorage();
        graph.setListeners(UiStatsRecorder.listener(ours, "run", interval),
                new StatsListener(dl4js, null, new DefaultStatsUpdateConfiguration.Builder()
                        .reportingFrequency(interval).build(), "run", null));
        DataSet batch = new DataSet(Nd4j.rand(4, 3, 8, 8).subi(0.3), Nd4j.eye(4).getColumns(0, 1));
        for (int i = 0; i <= 2 * interval; i++) {
            graph.fit(batch);
        }

        List<StatsReport> expected = reports(dl4js);
        List<StatsReport> actual = reports(ours);
        assertThat(actual).hasSize(2).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            for (StatsType type : List.of(StatsType.Activations, StatsType.Gradients, StatsType.Updates)) {
                Map<String, Double> dl4j = expected.get(i).getStdev(type);
                assertThat(dl4j).as("DL4J's %s", type).isNotEmpty();
                assertThat(actual.get(i).getStdev(type)).as("report %d, %s", i, type).containsOnlyKeys(dl4j.keySet())
                        .allSatisfy((name, spread) -> assertThat(spread).as(name)
                                .isCloseTo(dl4j.get(name), withinPercentage(1e-3)));
            }
        }
    }

    private static List<StatsReport> reports(InMemoryStatsStorage storage) {
        String worker = storage.listWorkerIDsForSession("run").get(0);
        return storage.getAllUpdatesAfter("run", "StatsListener", worker, 0).stream()
                .map(StatsReport.class::cast).toList();
    }

    @Test
    void longEpochsAreReportedAboutTwentyTimesPerEpoch() {
        assertThat(UiStatsRecorder.reportingInterval(5)).isEqualTo(40);
        assertThat(UiStatsRecorder.reportingInterval(100)).isEqualTo(40);
        assertThat(UiStatsRecorder.reportingInterval(4000)).isEqualTo(200);
    }

    private static ComputationGraph smallGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(1e-3))
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "input")
                .addLayer("dense", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }
}
