package dev.dl4jrunner.train;

import dev.dl4jrunner.config.StoppingMetric;

/** Follows the best epoch so far by one validation metric; shared by the best checkpoint and early stopping. */
public final class BestEpoch {
    private final StoppingMetric metric;
    private final double minDelta;
    private EpochMetrics best;

    public BestEpoch(StoppingMetric metric, double minDelta) {
        this.metric = metric;
        this.minDelta = minDelta;
    }

    /** Records {@code epoch}; true when it is the new best. */
    boolean offer(EpochMetrics epoch) {
        if (best == null || metric.improves(value(epoch), value(best), minDelta)) {
            best = epoch;
            return true;
        }
        return false;
    }

    public StoppingMetric metric() {
        return metric;
    }

    /** The best epoch so far, or null before the first. */
    public EpochMetrics best() {
        return best;
    }

    private double value(EpochMetrics epoch) {
        return metric == StoppingMetric.VAL_ACCURACY ? epoch.valAccuracy() : epoch.valLoss();
    }
}
