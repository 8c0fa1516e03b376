package dev.dl4jrunner.runs;

/** A run's best value of one validation metric and the epoch it was reached in (the first, on a tie). */
public record Best(double value, int epoch) {
}
