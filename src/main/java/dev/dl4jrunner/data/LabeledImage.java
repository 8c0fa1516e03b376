package dev.dl4jrunner.data;

import java.nio.file.Path;

/** One image file and the index of its class in the dataset's class list, or {@link #UNLABELLED}. */
public record LabeledImage(Path path, int label) {
    /** The label of an image whose class is not known: one to predict. */
    public static final int UNLABELLED = -1;
}
