package dev.dl4jrunner.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One training batch for an executor to read: image paths with their labels (indices into the run's classes), in
 * epoch order, and the seed of its augmentation draws. Small and serializable: the driver sends these, not pixels.
 */
record ImageBatchTask(List<String> paths, List<Integer> labels, long augmentationSeed) implements Serializable {
    ImageBatchTask {
        paths = List.copyOf(paths);
        labels = List.copyOf(labels);
    }
}
