package dev.dl4jrunner.config;

/**
 * When checkpoints are written beyond {@code last.zip} and {@code best.zip} at the end of every epoch.
 *
 * @param everyIterations also write {@code last.zip} every this many iterations within an epoch; 0 disables it
 * @param everyMinutes    also write {@code last.zip} within an epoch once this many minutes passed since the last
 *                        checkpoint; 0 disables it
 * @param everyEpochs     also keep {@code epoch-NNNN.zip} every this many epochs; 0 disables them
 * @param keepLast        how many of those periodic checkpoints to keep, &gt;= 1
 */
public record CheckpointConfig(int everyIterations, double everyMinutes, int everyEpochs, int keepLast) {
}
