package dev.dl4jrunner.train;

import dev.dl4jrunner.launch.JarBuild;
import dev.dl4jrunner.launch.UserCache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much native memory each model's first training steps added to the heap, as measured the first time it trained
 * with this build of the runner: one small file per model in the {@link UserCache}, which {@link HeapWarmup} reads
 * in later runs. A rebuilt jar measures again and removes the files of its earlier builds.
 */
final class HeapNeeds {
    private static final String KIND = "heap";

    private final Path directory;
    private final JarBuild build;

    HeapNeeds(Path directory, JarBuild build) {
        this.directory = directory;
        this.build = build;
    }

    /** The needs of the runner jar this JVM runs; empty when it does not run from a jar (tests, an IDE). */
    static Optional<HeapNeeds> ofThisBuild() {
        return JarBuild.current().map(build -> new HeapNeeds(UserCache.directory(System.getenv()), build));
    }

    /** What {@code model}'s first steps added to the heap when measured; empty if it never was. */
    OptionalLong read(String model) {
        try {
            List<String> lines = Files.readAllLines(file(model));
            return lines.size() == 2 && lines.get(1).equals(model)
                    ? OptionalLong.of(Long.parseLong(lines.get(0)))
                    : OptionalLong.empty();
        } catch (IOException | RuntimeException notMeasured) {
            return OptionalLong.empty();
        }
    }

    /** Keeps {@code bytes} as {@code model}'s need; a cache, so a failure to write is not an error. */
    void write(String model, long bytes) {
        Path file = file(model);
        Path pending = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(pending, bytes + "\n" + model + "\n");
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            build.removeEarlierBuilds(directory, KIND);
        } catch (IOException | RuntimeException ignored) {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException alsoIgnored) {
                // The next run measures again.
            }
        }
    }

    private Path file(String model) {
        return directory.resolve(build.buildPrefix(KIND) + "-" + JarBuild.digest(model) + ".txt");
    }
}
