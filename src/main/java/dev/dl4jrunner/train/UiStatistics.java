package dev.dl4jrunner.train;

import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;

import java.io.Serial;

/**
 * The statistics a run reports to DL4J's training UI: what its pages draw, and nothing else. That is histograms and
 * mean magnitudes of the parameters and updates (the model page's histograms and update:parameter ratios), the
 * standard deviations of activations, gradients and updates (the overview's charts), the activations' means (the
 * model page's activation chart), learning rates, speed, memory and garbage collection. DL4J's default also
 * computes histograms of every activation and gradient, and means no page shows, which doubles a report's cost.
 * The standard deviations are not DL4J's to collect: {@link UiStatsListener} computes them eight times faster.
 *
 * <p>Its own class because DL4J 1.0.0-M2.1's {@code DefaultStatsUpdateConfiguration.Builder} ignores
 * {@code collectHistogramsGradients(false)}.
 */
record UiStatistics(int reportingFrequency) implements StatsUpdateConfiguration {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int HISTOGRAM_BINS = 20;

    @Override
    public boolean collectPerformanceStats() {
        return true;
    }

    @Override
    public boolean collectMemoryStats() {
        return true;
    }

    @Override
    public boolean collectGarbageCollectionStats() {
        return true;
    }

    @Override
    public boolean collectLearningRates() {
        return true;
    }

    @Override
    public boolean collectHistograms(StatsType type) {
        return type == StatsType.Parameters || type == StatsType.Updates;
    }

    @Override
    public int numHistogramBins(StatsType type) {
        return HISTOGRAM_BINS;
    }

    @Override
    public boolean collectMean(StatsType type) {
        return type == StatsType.Activations;
    }

    /** None by DL4J: {@link UiStatsListener} reports those of activations, gradients and updates itself. */
    @Override
    public boolean collectStdev(StatsType type) {
        return false;
    }

    @Override
    public boolean collectMeanMagnitudes(StatsType type) {
        return type == StatsType.Parameters || type == StatsType.Updates;
    }
}
