package dev.dl4jrunner.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@code runner-spark.jar} trains the experiment on a Spark cluster; a local run ignores it.
 *
 * @param master             the Spark master URL; empty = the one spark-submit was given
 * @param trainingMaster     how the workers' updates are combined
 * @param batchSizePerWorker images per step on each worker; empty = {@code training.batch_size}
 * @param averagingFrequency steps each worker takes between two parameter averagings
 * @param prefetchBatches    batches each worker prepares ahead of training
 */
public record SparkConfig(Optional<String> master, SparkTrainingMaster trainingMaster, OptionalInt batchSizePerWorker,
                          int averagingFrequency, int prefetchBatches) {
    /** What an experiment without a {@code spark} section trains with. */
    public static final SparkConfig DEFAULTS = new SparkConfig(Optional.empty(), SparkTrainingMaster.PARAMETER_AVERAGING,
            OptionalInt.empty(), 5, 2);

    /** The batch size each worker fits, given the experiment's {@code training.batch_size}. */
    public int batchSizePerWorker(TrainingConfig training) {
        return batchSizePerWorker.orElse(training.batchSize());
    }
}
