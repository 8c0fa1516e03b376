package dev.dl4jrunner.spark;

import dev.dl4jrunner.config.SparkConfig;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/**
 * DL4J's training master for a run's {@code spark} section. Both read the batches straight from the RDD
 * ({@link RDDTrainingApproach#Direct}): DL4J's default exports them to files first, which needs a file system every
 * executor shares.
 */
final class TrainingMasters {
    /** Aeron's UDP port for gradient sharing; every executor of a host needs its own. */
    static final int SHARED_GRADIENTS_PORT = 40123;

    private TrainingMasters() {
    }

    /** {@code driverHost}: the address the workers reach the driver at, gradient sharing's controller. */
    static TrainingMaster<?, ?> create(SparkConfig spark, int batchSizePerWorker, long seed, String driverHost) {
        return switch (spark.trainingMaster()) {
            case PARAMETER_AVERAGING -> new ParameterAveragingTrainingMaster.Builder(batchSizePerWorker)
                    .batchSizePerWorker(batchSizePerWorker)
                    .averagingFrequency(spark.averagingFrequency())
                    .workerPrefetchNumBatches(spark.prefetchBatches())
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .saveUpdater(true)
                    .rngSeed(seed)
                    .build();
            case SHARED_GRADIENTS -> new SharedTrainingMaster.Builder(
                    VoidConfiguration.builder().unicastPort(SHARED_GRADIENTS_PORT).controllerAddress(driverHost)
                            .build(), batchSizePerWorker)
                    .batchSizePerWorker(batchSizePerWorker)
                    .workersPerNode(1)
                    .workerPrefetchNumBatches(spark.prefetchBatches())
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .rngSeed(seed)
                    .build();
        };
    }
}
