package dev.dl4jrunner;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Dogs vs. Cats sample beside the project; tests read it in place and never copy it. */
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

    private static Path existing(Path relative) {
        Path dir = relative.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The shared Dogs vs. Cats sample is missing: expected " + dir
                    + " (tests run from the project root and read ../shared/data in place)");
        }
        return dir;
    }
}
