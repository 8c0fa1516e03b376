package dev.dl4jrunner.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The walk-through's stratified split: per class, sort the files, shuffle them with the seed, keep the first
 * {@code fraction} for training and the rest for validation. The same seed always gives the same split, and a
 * class's split does not depend on the other classes.
 */
public record DatasetSplit(List<String> classes, List<LabeledImage> train, List<LabeledImage> validation) {

    public DatasetSplit {
        classes = List.copyOf(classes);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /**
     * Splits every class of {@code dataset}, using at most {@code limitPerClass} images of each (taken after the
     * shuffle, so a limited dataset is a random sample).
     */
    public static DatasetSplit stratified(ImageDataset dataset, double fraction, OptionalInt limitPerClass, long seed)
            throws DatasetException {
        List<LabeledImage> train = new ArrayList<>();
        List<LabeledImage> validation = new ArrayList<>();
        List<String> classes = dataset.classes();
        for (int label = 0; label < classes.size(); label++) {
            String name = classes.get(label);
            List<java.nio.file.Path> files = new ArrayList<>(dataset.imagesByClass().get(name));
            Collections.shuffle(files, new Random(seed));
            if (limitPerClass.isPresent() && files.size() > limitPerClass.getAsInt()) {
                files = files.subList(0, limitPerClass.getAsInt());
            }
            int trainCount = (int) Math.round(files.size() * fraction);
            if (trainCount == 0 || trainCount == files.size()) {
                throw new DatasetException("Class '" + name + "' has " + files.size() + " image"
                        + (files.size() == 1 ? "" : "s") + " in " + dataset.dir()
                        + ": too few to give both training and validation images at data.split " + fraction);
            }
            for (int i = 0; i < files.size(); i++) {
                (i < trainCount ? train : validation).add(new LabeledImage(files.get(i), label));
            }
        }
        return new DatasetSplit(classes, train, validation);
    }

    /** This split without the images {@code exclude} accepts; the order of the others is kept. */
    public DatasetSplit without(Predicate<LabeledImage> exclude) {
        return new DatasetSplit(classes,
                train.stream().filter(exclude.negate()).toList(),
                validation.stream().filter(exclude.negate()).toList());
    }

    /** Every image of the split, training first. */
    public List<LabeledImage> all() {
        List<LabeledImage> all = new ArrayList<>(train);
        all.addAll(validation);
        return all;
    }

    /** Identifies the data a run saw: image count per class and a hash of every (path, label) pair. */
    public Fingerprint fingerprint() {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        classes.forEach(c -> perClass.put(c, 0));
        MessageDigest sha = sha256();
        for (LabeledImage image : all()) {
            perClass.merge(classes.get(image.label()), 1, Integer::sum);
            sha.update((image.path() + "," + classes.get(image.label()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Fingerprint(train.size(), validation.size(), perClass, HexFormat.of().formatHex(sha.digest()));
    }

    /** See {@link #fingerprint()}. */
    public record Fingerprint(int trainImages, int validationImages, Map<String, Integer> imagesPerClass,
                              String fileListSha256) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
