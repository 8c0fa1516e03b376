package dev.dl4jrunner.train;

import dev.dl4jrunner.config.EarlyStoppingConfig;

import java.util.List;

/** Stops training after {@code patience} epochs in a row without an improvement of the validation metric. */
public final class EarlyStopping {
    private final BestEpoch best;
    private final int patience;
    private int epochsWithoutImprovement;

    public EarlyStopping(EarlyStoppingConfig config) {
        this.best = new BestEpoch(config.metric(), config.minDelta());
        this.patience = config.patience();
    }

    /**
     * Catches up with the epochs a resumed run already trained, so patience counts on where it left off.
     *
     * @return whether early stopping had ended training after the last of them
     */
    boolean replay(List<EpochMetrics> finished) {
        boolean stopped = false;
        for (EpochMetrics epoch : finished) {
            stopped = shouldStop(epoch);
        }
        return stopped;
    }

    boolean shouldStop(EpochMetrics epoch) {
        epochsWithoutImprovement = best.offer(epoch) ? 0 : epochsWithoutImprovement + 1;
        return epochsWithoutImprovement >= patience;
    }
}
