package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One run's directory, {@code <runs>/<yyyy-MM-dd_HH-mm-ss>_<name>}, and the names of the files in it.
 *
 * <p>The directory is created with a single atomic {@code mkdir}; when two runs start in the same second (a
 * shell loop with {@code &}) the second gets a {@code -2} suffix, the third {@code -3}, and so on.
 */
public record RunDirectory(Path path) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    /** The runs directory cannot hold a new run directory (it is a file, read-only, on a full disk...). */
    public static final class CannotCreateException extends IOException {
        CannotCreateException(Path runsDir, IOException cause) {
            super("Cannot create a run directory in " + runsDir.toAbsolutePath().normalize() + ": "
                    + (cause instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : cause instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : cause.getMessage()), cause);
        }
    }

    public static RunDirectory create(Path runsDir, String name, LocalDateTime start) throws CannotCreateException {
        String base = STAMP.format(start) + "_" + name;
        try {
            Files.createDirectories(runsDir);
            for (int attempt = 1; ; attempt++) {
                Path candidate = runsDir.resolve(attempt == 1 ? base : base + "-" + attempt).toAbsolutePath()
                        .normalize();
                try {
                    return new RunDirectory(Files.createDirectory(candidate));
                } catch (FileAlreadyExistsException taken) {
                    // Another run started in the same second: try the next suffix.
                }
            }
        } catch (IOException e) {
            throw new CannotCreateException(runsDir, e);
        }
    }

    /** An existing run directory: one that has the {@code config.yaml} and {@code provenance.json} a run starts with. */
    public static Optional<RunDirectory> existing(Path dir) {
        RunDirectory run = new RunDirectory(dir.toAbsolutePath().normalize());
        return Files.isRegularFile(run.config()) && Files.isRegularFile(run.provenance())
                ? Optional.of(run) : Optional.empty();
    }

    /** The run's id: its directory name. */
    public String id() {
        return path.getFileName().toString();
    }

    public Path config() {
        return path.resolve("config.yaml");
    }

    public Path overrides() {
        return path.resolve("overrides.txt");
    }

    public Path provenance() {
        return path.resolve("provenance.json");
    }

    public Path trainSplit() {
        return path.resolve("split/train.csv");
    }

    public Path validationSplit() {
        return path.resolve("split/val.csv");
    }

    public Path skippedImages() {
        return path.resolve("skipped-images.csv");
    }

    public Path metrics() {
        return path.resolve("metrics.csv");
    }

    public Path log() {
        return path.resolve("train.log");
    }

    public Path stats() {
        return path.resolve("stats.dl4j");
    }

    public Path checkpoints() {
        return path.resolve("checkpoints");
    }

    public Path lastCheckpoint() {
        return checkpoints().resolve("last.zip");
    }

    public Path bestCheckpoint() {
        return checkpoints().resolve("best.zip");
    }

    public Path model() {
        return path.resolve("model.zip");
    }

    public Path lossPlot() {
        return path.resolve("loss.png");
    }

    public Path accuracyPlot() {
        return path.resolve("accuracy.png");
    }

    /** The self-contained HTML report, written at the end of each session. */
    public Path report() {
        return path.resolve("report.html");
    }

    public Path summary() {
        return path.resolve("summary.json");
    }

    /** Held by the process training this run; see {@link RunLock}. */
    public Path lock() {
        return path.resolve(".lock");
    }
}
