package dev.dl4jrunner.train;

import dev.dl4jrunner.config.EarlyStoppingConfig;

/** Stops training after {@code patience} epochs in a row without an improvement of the validation metric. */
public final class EarlyStopping {
    private final BestEpoch best;
    private final int patience;
    private int epochsWithoutImprovement;

    public EarlyStopping(EarlyStoppingConfig config) {
        this.best = new BestEpoch(config.metric(), config.minDelta());
        this.patience = config.patience();
    }

    boolean shouldStop(EpochMetrics epoch) {
        epochsWithoutImprovement = best.offer(epoch) ? 0 : epochsWithoutImprovement + 1;
        return epochsWithoutImprovement >= patience;
    }
}
