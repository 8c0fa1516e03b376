package dev.dl4jrunner.data;

import dev.dl4jrunner.config.BadImagePolicy;
import dev.dl4jrunner.config.DataConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data an experiment would train on, checked: the discovered dataset, its split, every image of the split
 * checked, the duplicates among the good ones, and whether training would start. Training and
 * {@code runner check-data} both start from this, so they always agree.
 */
public record DatasetCheck(ImageDataset dataset, DatasetSplit split, ImageCheck.Result images,
                           List<DuplicateGroup> duplicates, BadImagePolicy policy) {

    public DatasetCheck {
        duplicates = List.copyOf(duplicates);
    }

    /** Discovers, splits and checks the images; fails only when there is no dataset to check. */
    public static DatasetCheck run(DataConfig data, long seed) throws DatasetException {
        ImageDataset dataset = ImageDataset.discover(data);
        DatasetSplit split = DatasetSplit.stratified(dataset, data.split(), data.limitPerClass(), seed);
        ImageCheck.Result images = ImageCheck.run(split.all());
        return new DatasetCheck(dataset, split, images, DuplicateGroup.find(images.usable()), data.onBadImage());
    }

    public List<BadImage> badImages() {
        return images.bad();
    }

    /** The split without the bad images: what training uses. */
    public DatasetSplit usableSplit() {
        Set<Path> bad = badImages().stream().map(BadImage::path).collect(Collectors.toSet());
        return bad.isEmpty() ? split : split.without(image -> bad.contains(image.path()));
    }

    /** Why training would refuse to start with this data, if it would. */
    public Optional<String> refusal() {
        List<BadImage> bad = badImages();
        if (!bad.isEmpty() && policy == BadImagePolicy.FAIL) {
            return Optional.of(count(bad.size(), "image") + " cannot be used and data.on_bad_image is fail");
        }
        DatasetSplit usable = usableSplit();
        for (int label = 0; label < usable.classes().size(); label++) {
            int l = label;
            if (usable.train().stream().noneMatch(i -> i.label() == l)
                    || usable.validation().stream().noneMatch(i -> i.label() == l)) {
                return Optional.of("class '" + usable.classes().get(label) + "' has too few usable images in "
                        + dataset.dir() + " for both training and validation (" + count(bad.size(), "bad image")
                        + " in the data set)");
            }
        }
        return Optional.empty();
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
