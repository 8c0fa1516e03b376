package dev.dl4jrunner.config;

/**
 * Stop training when the validation metric has not improved by at least {@code minDelta} for
 * {@code patience} epochs in a row.
 */
public record EarlyStoppingConfig(StoppingMetric metric, int patience, double minDelta) {
}
