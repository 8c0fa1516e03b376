package dev.dl4jrunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Dogs vs. Cats sample beside the project; tests read it in place, or copy a few images into a temporary
 * directory when they need to change them or their neighbours, never into the repository.
 */
public final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/data/dogs-vs-cats/train}: cat.0-1999.jpg and dog.0-1999.jpg, 200x200 RGB. */
    public static Path trainDir() {
        return existing(Path.of("../shared/data/dogs-vs-cats/train"));
    }

    /** {@code ../shared/data/dogs-vs-cats/test1}: 1.jpg-500.jpg, unlabelled. */
    public static Path testDir() {
        return existing(Path.of("../shared/data/dogs-vs-cats/test1"));
    }

    /** Copies cat.0 to cat.{@code perClass - 1} and the same dogs into {@code dir}, under their own names. */
    public static Path copyTrainImages(Path dir, int perClass) throws IOException {
        for (int i = 0; i < perClass; i++) {
            for (String label : List.of("cat", "dog")) {
                String name = label + "." + i + ".jpg";
                Files.copy(trainDir().resolve(name), dir.resolve(name));
            }
        }
        return dir;
    }

    private static Path existing(Path relative) {
        Path dir = relative.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The shared Dogs vs. Cats sample is missing: expected " + dir
                    + " (tests run from the project root and read ../shared/data in place)");
        }
        return dir;
    }
}
