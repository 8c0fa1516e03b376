package dev.dl4jrunner.runs;

/**
 * One epoch as {@code metrics.csv} records it. A value a file lacks (an older file without a column, a field that
 * is not a finite number) is null.
 */
public record EpochRow(
        int epoch,
        Double trainLoss,
        Double trainAccuracy,
        Double valLoss,
        Double valAccuracy,
        Double learningRate,
        Double seconds,
        Double imagesPerSecond,
        Double valPrecision,
        Double valRecall,
        Double valF1) {
}
