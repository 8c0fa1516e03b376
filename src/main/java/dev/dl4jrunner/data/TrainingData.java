package dev.dl4jrunner.data;

import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;
import dev.dl4jrunner.config.InputConfig;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The images a run will train and validate on: the stratified split of the data directory, minus every image that
 * cannot be decoded (those are kept aside to be reported), and the layout their labels were read in.
 */
public record TrainingData(DataLayout layout, DatasetSplit split, List<UnreadableImage> unreadable) {

    public TrainingData {
        unreadable = List.copyOf(unreadable);
    }

    /**
     * Discovers, splits and checks the images; fails before anything is written when no usable dataset is left.
     */
    public static TrainingData prepare(DataConfig data, InputConfig input, long seed) throws DatasetException {
        ImageDataset dataset = ImageDataset.discover(data);
        DatasetSplit split = DatasetSplit.stratified(dataset, data.split(), data.limitPerClass(), seed);
        List<UnreadableImage> unreadable = ImageCheck.findUnreadable(split.all(), input);
        if (unreadable.isEmpty()) {
            return new TrainingData(dataset.layout(), split, unreadable);
        }
        Set<java.nio.file.Path> bad = unreadable.stream().map(UnreadableImage::path).collect(Collectors.toSet());
        DatasetSplit usable = split.without(image -> bad.contains(image.path()));
        for (int label = 0; label < usable.classes().size(); label++) {
            int l = label;
            if (usable.train().stream().noneMatch(i -> i.label() == l)
                    || usable.validation().stream().noneMatch(i -> i.label() == l)) {
                throw new DatasetException("Class '" + usable.classes().get(label) + "' has too few readable images"
                        + " in " + dataset.dir() + " for both training and validation (" + unreadable.size()
                        + " unreadable images in the data set, e.g. " + unreadable.get(0).path() + ": "
                        + unreadable.get(0).reason() + ")");
            }
        }
        return new TrainingData(dataset.layout(), usable, unreadable);
    }
}
