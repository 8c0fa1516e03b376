package dev.dl4jrunner.spark;

import dev.dl4jrunner.config.AugmentConfig;
import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.data.LabeledImage;
import org.apache.spark.api.java.function.Function;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs on the executors: turns an {@link ImageBatchTask} into a batch exactly as a local run's pipeline prepares
 * it ({@link ImagePipeline#batch}). Holds the run's preprocessing as plain values, since the config records are not
 * serializable; the image files must be readable at the same paths on every executor.
 */
final class ImageBatchReader implements Function<ImageBatchTask, DataSet> {
    private static final long serialVersionUID = 1L;

    private final int height;
    private final int width;
    private final int channels;
    private final boolean horizontalFlip;
    private final double randomCrop;
    private final List<String> classes;

    ImageBatchReader(InputConfig input, AugmentConfig augment, List<String> classes) {
        this.height = input.height();
        this.width = input.width();
        this.channels = input.channels();
        this.horizontalFlip = augment.horizontalFlip();
        this.randomCrop = augment.randomCrop();
        this.classes = List.copyOf(classes);
    }

    @Override
    public DataSet call(ImageBatchTask task) {
        List<LabeledImage> images = IntStream.range(0, task.paths().size())
                .mapToObj(i -> new LabeledImage(Path.of(task.paths().get(i)), task.labels().get(i)))
                .toList();
        return ImagePipeline.batch(images, classes, new InputConfig(height, width, channels),
                new AugmentConfig(horizontalFlip, randomCrop), task.augmentationSeed());
    }
}
