package dev.dl4jrunner.config;

/**
 * Periodic checkpoints beside the always-written {@code last.zip} and {@code best.zip}.
 *
 * @param everyEpochs also keep {@code epoch-NNNN.zip} every this many epochs; 0 disables them
 * @param keepLast    how many of those periodic checkpoints to keep, &gt;= 1
 */
public record CheckpointConfig(int everyEpochs, int keepLast) {
}
