package dev.dl4jrunner.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks every image once before the first batch (see {@link ImageFileCheck} for what is checked): a file that
 * cannot be used is reported by name and reason instead of failing an epoch half-way through, or crashing the
 * JVM in a native decoder.
 */
public final class ImageCheck {
    private ImageCheck() {
    }

    /** The images that passed and those that did not, each sorted by path. */
    public record Result(List<CheckedImage> usable, List<BadImage> bad) {
        public Result {
            usable = List.copyOf(usable);
            bad = List.copyOf(bad);
        }
    }

    /** Checks {@code images} on all cores. */
    public static Result run(List<LabeledImage> images) {
        List<Outcome> outcomes = images.parallelStream().map(ImageCheck::outcome).toList();
        List<CheckedImage> usable = new ArrayList<>();
        List<BadImage> bad = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.usable() != null) {
                usable.add(outcome.usable());
            } else {
                bad.add(outcome.bad());
            }
        }
        usable.sort(Comparator.comparing(checked -> checked.image().path()));
        bad.sort(Comparator.comparing(BadImage::path));
        return new Result(usable, bad);
    }

    /** Checks files without labels, on all cores; their {@link LabeledImage#label()} is {@link LabeledImage#UNLABELLED}. */
    public static Result files(List<Path> files) {
        return run(files.stream().map(file -> new LabeledImage(file, LabeledImage.UNLABELLED)).toList());
    }

    /** Exactly one of the two is set. */
    private record Outcome(CheckedImage usable, BadImage bad) {
    }

    private static Outcome outcome(LabeledImage image) {
        try {
            return new Outcome(ImageFileCheck.check(image), null);
        } catch (ImageFileCheck.BadImageException e) {
            return new Outcome(null, new BadImage(image.path(), e.getMessage()));
        }
    }
}
