package dev.dl4jrunner.config;

/** Validation metrics that early stopping and the "best" checkpoint can follow. */
public enum StoppingMetric {
    VAL_LOSS(false), VAL_ACCURACY(true);

    private final boolean higherIsBetter;

    StoppingMetric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether {@code candidate} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double candidate, double best, double minDelta) {
        return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }
}
