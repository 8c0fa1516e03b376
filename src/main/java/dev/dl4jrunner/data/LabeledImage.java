package dev.dl4jrunner.data;

import java.nio.file.Path;

/** One image file and the index of its class in the dataset's class list. */
public record LabeledImage(Path path, int label) {
}
