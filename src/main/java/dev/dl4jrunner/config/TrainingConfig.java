package dev.dl4jrunner.config;

import java.util.Optional;

/**
 * How long and in what batches to train.
 *
 * @param epochs        passes over the training split, &gt;= 1
 * @param batchSize     images per step, &gt;= 1
 * @param earlyStopping stop when the validation metric stops improving, if present
 */
public record TrainingConfig(int epochs, int batchSize, Optional<EarlyStoppingConfig> earlyStopping) {
}
