package dev.dl4jrunner.config;

/** How DL4J's {@code ParallelWrapper} keeps the workers' copies of the model together. */
public enum ParallelMode {
    /** Each worker fits its own batches; parameters and updater state are averaged every few batches. */
    AVERAGING,
    /** Each worker applies every worker's (threshold-encoded) gradients as they come. */
    SHARED_GRADIENTS
}
