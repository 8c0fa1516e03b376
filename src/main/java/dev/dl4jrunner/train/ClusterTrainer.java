package dev.dl4jrunner.train;

import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.run.Provenance;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Trains whole epochs of a graph on several machines (Spark): what {@link DistributedTrainingLoop} needs from a
 * cluster, so that the run directory, validation and checkpoints stay the same as a local run's.
 */
public interface ClusterTrainer {
    /** Where training runs, for {@code provenance.json}. */
    Provenance.Cluster describe();

    /**
     * Makes the cluster train {@code graph}: afterwards every {@link #fitEpoch} starts from its parameters and
     * updater state and leaves the result in it. The workers' UI statistics go to {@code stats}, reported every
     * {@code reportEvery} iterations under {@code sessionId}.
     */
    void attach(ComputationGraph graph, ImagePipeline data, StatsStorageRouter stats, String sessionId,
                int reportEvery);

    /** Fits epoch {@code epoch} (1-based) of the training split; returns what the workers measured. */
    EpochProgress fitEpoch(int epoch);
}
