package dev.dl4jrunner.config;

/** How a Spark run combines what its workers learn. */
public enum SparkTrainingMaster {
    /** Each worker fits its batches from the same parameters; the driver averages them (synchronous). */
    PARAMETER_AVERAGING,
    /** Workers exchange quantized gradients over UDP (Aeron) as they go; experimental. */
    SHARED_GRADIENTS
}
