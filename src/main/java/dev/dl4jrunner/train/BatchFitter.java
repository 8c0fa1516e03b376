package dev.dl4jrunner.train;

import dev.dl4jrunner.config.Parallelism;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * Fits a step of batches into the graph: the only part of the training loop that depends on how many devices
 * train. Progress, checkpoints, stop requests and a mid-epoch resume happen between steps.
 */
interface BatchFitter {
    /** For {@code parallelism}: plain {@code fit} for one worker, DL4J's {@code ParallelWrapper} for several. */
    static BatchFitter of(ComputationGraph graph, Parallelism parallelism, long seed) {
        return parallelism.workers() == 1
                ? new SingleDeviceFitter(graph, seed)
                : new ParallelWrapperFitter(graph, parallelism);
    }

    /** How many batches {@link #fit} takes at a time; the epoch's last step may have fewer. */
    int batchesPerStep();

    /**
     * Fits {@code batches}, the epoch's batches from number {@code firstBatch} (0-based) on, and leaves the result,
     * parameters and updater state, in the graph.
     */
    BatchTally.Sums fit(List<DataSet> batches, int epoch, int firstBatch);
}
