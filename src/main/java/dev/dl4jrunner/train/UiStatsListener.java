package dev.dl4jrunner.train;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import dev.dl4jrunner.model.Scoring;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * DL4J's statistics listener, with the standard deviations of activations, gradients and updates (the UI's spread
 * charts) computed by {@link Spread} instead of ND4J's variance op, which took 0.55 of a report's 0.7 s at 64x64.
 * {@link UiStatistics} has DL4J collect no standard deviation; this listener collects them at the same moments DL4J
 * collects its other statistics of the same kind, and adds them to DL4J's report.
 *
 * <p>DL4J collects activations and gradients in the iteration after one whose number is a multiple of the reporting
 * frequency (its own counter holds the previous iteration's number), keeps them until the next report, and forgets
 * them then; updates it takes at the report. The listener follows the same rules for the one model it is attached
 * to ({@link #clone()} gives another worker its own).
 *
 * <p>The score it reports for an iteration is the cross-entropy of the batch before the update, computed from the
 * forward pass's logits ({@link Scoring}) and set as the graph's score before DL4J reads it: DL4J's own score after
 * {@code fit} is wrong with a sigmoid output, and the UI's score chart would show it.
 */
final class UiStatsListener extends StatsListener {
    private int previousIteration;
    private Map<String, Double> activationSpreads;
    private Map<String, Double> gradientSpreads;
    private transient Model reporting;
    private transient INDArray logits;
    private transient double batchLoss = Double.NaN;

    UiStatsListener(StatsStorageRouter router, StatsUpdateConfiguration statistics, String sessionId,
                    String workerId) {
        super(router, null, statistics, sessionId, workerId);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        super.onForwardPass(model, activations);
        INDArray output = activations.get(Vgg16Factory.LOGITS);
        logits = output == null ? null : output.detach();
        if (collecting()) {
            activationSpreads = Spread.of(activations);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        super.onGradientCalculation(model);
        if (collecting()) {
            gradientSpreads = Spread.of(model.gradient().gradientForVariable());
        }
    }

    /** The output layer has the batch's labels during the backward pass only. */
    @Override
    public void onBackwardPass(Model model) {
        super.onBackwardPass(model);
        batchLoss = Double.NaN;
        if (logits != null && model instanceof ComputationGraph graph
                && graph.getOutputLayer(0) instanceof IOutputLayer output && output.getLabels() != null) {
            INDArray labels = output.getLabels();
            batchLoss = Scoring.crossEntropySum(Scoring.probabilities(logits), labels) / labels.size(0);
        }
        logits = null;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (!Double.isNaN(batchLoss) && model instanceof ComputationGraph graph) {
            graph.setScore(batchLoss);
        }
        batchLoss = Double.NaN;
        reporting = model;
        try {
            super.iterationDone(model, iteration, epoch);
        } finally {
            reporting = null;
            previousIteration = iteration;
        }
    }

    /** Called by DL4J's {@code iterationDone} only when it reports, before it adds its own statistics. */
    @Override
    public StatsReport getNewStatsReport() {
        StatsReport report = super.getNewStatsReport();
        if (activationSpreads != null) {
            report.reportStdev(StatsType.Activations, activationSpreads);
        }
        if (gradientSpreads != null) {
            report.reportStdev(StatsType.Gradients, gradientSpreads);
        }
        if (reporting != null && reporting.gradient() != null) {
            report.reportStdev(StatsType.Updates, Spread.of(reporting.gradient().gradientForVariable()));
        }
        activationSpreads = null;
        gradientSpreads = null;
        return report;
    }

    private boolean collecting() {
        int frequency = getUpdateConfig().reportingFrequency();
        return previousIteration == 0 || previousIteration % frequency == 0;
    }

    @Override
    public UiStatsListener clone() {
        return new UiStatsListener(getStorageRouter(), getUpdateConfig(), null, null);
    }
}
