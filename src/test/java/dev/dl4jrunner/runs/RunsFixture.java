package dev.dl4jrunner.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The golden runs directory under src/test/resources/runs-fixture, copied where a test may change it: a
 * learning-rate sweep of three completed vgg16-small runs (1e-3 overfits after epoch 3, 1e-4 wins, 1e-5 is slow),
 * a run killed after 2 epochs, and a damaged one (no config.yaml, a truncated summary.json, a garbled metrics line).
 */
public final class RunsFixture {
    public static final Path SOURCE = Path.of("src/test/resources/runs-fixture");
    public static final String LR_1E3 = "2026-11-28_10-00-00_vgg16-small";
    public static final String LR_1E4 = "2026-11-28_11-00-00_vgg16-small";
    public static final String LR_1E5 = "2026-11-28_12-00-00_vgg16-small";
    public static final String KILLED = "2026-11-28_13-00-00_vgg16-small";
    public static final String DAMAGED = "2026-11-28_14-00-00_vgg16-small";

    private RunsFixture() {
    }

    /** A copy of the fixture at {@code target}, which must not exist yet. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(SOURCE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
