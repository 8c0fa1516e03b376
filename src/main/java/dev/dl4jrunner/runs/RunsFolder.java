package dev.dl4jrunner.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run directories in a runs directory: its sub-directories named like a run ({@code yyyy-MM-dd_HH-mm-ss_name})
 * or holding a run's files. Symbolic links and hidden entries are not runs, so nothing listed leads outside.
 */
public record RunsFolder(Path dir) {
    private static final Pattern RUN_NAME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_[A-Za-z0-9._-]+");
    private static final List<String> RUN_FILES = List.of("config.yaml", "provenance.json", "summary.json",
            "metrics.csv");

    public RunsFolder {
        dir = dir.toAbsolutePath().normalize();
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The run directories, by name (which starts with the start time). */
    public List<Path> runs() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(RunsFolder::isRun).sorted().toList();
        }
    }

    public List<RunRecord> read() throws IOException {
        return runs().stream().map(RunReader::read).toList();
    }

    /** The run named {@code id}: a plain name (no separator, not hidden) of a run directory right in this folder. */
    public Optional<Path> run(String id) {
        if (id == null || id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\")
                || id.contains("\0")) {
            return Optional.empty();
        }
        Path candidate = dir.resolve(id);
        return candidate.getParent().equals(dir) && isRun(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static boolean isRun(Path entry) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".") || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return RUN_NAME.matcher(name).matches()
                || RUN_FILES.stream().anyMatch(file -> Files.exists(entry.resolve(file), LinkOption.NOFOLLOW_LINKS));
    }
}
