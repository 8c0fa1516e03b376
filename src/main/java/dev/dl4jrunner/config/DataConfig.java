package dev.dl4jrunner.config;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the images are and how they are split and augmented.
 *
 * @param dir           absolute image directory (relative paths in YAML resolve against the working directory)
 * @param layout        how a label is read from a file's path
 * @param classes       class names in label order; empty means "discover them and sort"
 * @param split         fraction of each class used for training, 0 &lt; split &lt; 1
 * @param limitPerClass at most this many images per class (after sorting and shuffling), if present
 * @param onBadImage    whether images that cannot be used are skipped or stop the run before it starts
 * @param augment       training-time augmentation
 */
public record DataConfig(
        Path dir,
        DataLayout layout,
        List<String> classes,
        double split,
        OptionalInt limitPerClass,
        BadImagePolicy onBadImage,
        AugmentConfig augment) {
    public DataConfig {
        classes = List.copyOf(classes);
    }
}
