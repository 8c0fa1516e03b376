package dev.dl4jrunner.config;

import java.util.Optional;

/**
 * How long, in what batches and on how many devices to train.
 *
 * @param epochs        passes over the training split, &gt;= 1
 * @param batchSize     images per step, &gt;= 1
 * @param earlyStopping stop when the validation metric stops improving, if present
 * @param parallelism   how many devices train side by side
 * @param cacheForwardPass whether layers keep their forward-pass output for the backward pass
 */
public record TrainingConfig(int epochs, int batchSize, Optional<EarlyStoppingConfig> earlyStopping,
                             Parallelism parallelism, boolean cacheForwardPass) {
}
