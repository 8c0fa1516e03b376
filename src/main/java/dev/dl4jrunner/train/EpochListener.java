package dev.dl4jrunner.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;

/**
 * A side effect of training (metrics file, checkpoints, progress, UI stats), called by {@link TrainingLoop} at
 * fixed points so the loop itself stays short.
 */
public interface EpochListener {
    /** Before an epoch's first batch, or where a resumed epoch continues: {@code imagesDone} images in. */
    default void onEpochStart(int epoch, int trainingImages, int imagesDone) {
    }

    /** After each training batch; {@code imagesDone} counts the epoch's images so far. */
    default void onBatchEnd(int epoch, int imagesDone, double loss) {
    }

    default void onEpochEnd(EpochMetrics metrics, ComputationGraph graph) throws IOException {
    }
}
