package dev.dl4jrunner.data;

import dev.dl4jrunner.config.InputConfig;
import org.datavec.image.loader.NativeImageLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decodes every image once, with the same loader training uses, before the first batch: a file that cannot be
 * decoded is reported by name instead of failing an epoch half-way through.
 */
public final class ImageCheck {
    private ImageCheck() {
    }

    /** The images of {@code images} that cannot be decoded, sorted by path. Runs on all cores. */
    public static List<UnreadableImage> findUnreadable(List<LabeledImage> images, InputConfig input) {
        return images.parallelStream()
                .map(LabeledImage::path)
                .map(path -> check(path, input))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(UnreadableImage::path))
                .toList();
    }

    private static Optional<UnreadableImage> check(Path path, InputConfig input) {
        try {
            if (Files.size(path) == 0) {
                return Optional.of(new UnreadableImage(path, "empty file"));
            }
            // A small target keeps the check cheap: decoding is what can fail, not resizing.
            new NativeImageLoader(8, 8, input.channels()).asMatrix(path.toFile());
            return Optional.empty();
        } catch (Exception | LinkageError e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(new UnreadableImage(path, reason));
        }
    }
}
