package dev.dl4jrunner.ui;

import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.runs.RunsFolder;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps every run's {@code stats.dl4j} attached to DL4J's UI, one session per run, through a private copy: MapDB
 * locks the file it opens, so the UI opening a run's own file would stop {@code runner resume} from writing it.
 * A run that is training is skipped (its statistics arrive through the remote receiver); a copy is renewed when
 * the run's file changes, as after a resume. Nothing in a run directory is ever written.
 */
final class StatsSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsSnapshots.class);
    private static final String STATS = "stats.dl4j";

    private record Snapshot(StatsStorage storage, FileTime modified, long size, Path copy) {
    }

    private final RunsFolder folder;
    private final UIServer server;
    private final Path copies;
    private final Map<String, Snapshot> attached = new ConcurrentHashMap<>();

    StatsSnapshots(RunsFolder folder, UIServer server) throws IOException {
        this.folder = folder;
        this.server = server;
        this.copies = Files.createTempDirectory("dl4j-runner-ui-");
    }

    /** The runs whose statistics DL4J's UI has from a copy. */
    Set<String> sessions() {
        return Set.copyOf(attached.keySet());
    }

    /** Attaches new and changed runs' statistics; one run's damaged file only costs that run its session. */
    synchronized void refresh() {
        try {
            for (Path run : folder.runs()) {
                attach(run.getFileName().toString());
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", folder.dir(), e.getMessage());
        }
    }

    /** Attaches the run {@code id} now if it can be; for DL4J's pages asking for a session they do not know yet. */
    synchronized Optional<StatsStorage> attach(String id) {
        Optional<Path> run = folder.run(id);
        if (run.isEmpty() || RunLock.isHeld(new RunDirectory(run.get()))) {
            return Optional.ofNullable(attached.get(id)).map(Snapshot::storage);
        }
        Path file = run.get().resolve(STATS);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException missing) {
            return Optional.empty();
        }
        Snapshot current = attached.get(id);
        if (!attributes.isRegularFile()
                || current != null && current.modified().equals(attributes.lastModifiedTime())
                && current.size() == attributes.size()) {
            return Optional.ofNullable(current).map(Snapshot::storage);
        }
        try {
            Snapshot fresh = copy(id, run.get(), attributes);
            if (current != null) {
                server.detach(current.storage());
                close(current);
            }
            server.attach(fresh.storage());
            attached.put(id, fresh);
            return Optional.of(fresh.storage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The UI statistics of {} cannot be read: {}", id, e.getMessage());
            return Optional.ofNullable(current).map(Snapshot::storage);
        }
    }

    private Snapshot copy(String id, Path run, BasicFileAttributes attributes) throws IOException {
        Path target = Files.createDirectories(copies.resolve(id + "-" + System.nanoTime()));
        try (Stream<Path> files = Files.list(run)) {
            for (Path part : files.filter(f -> isStatsFile(f.getFileName().toString())).toList()) {
                if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(part, target.resolve(part.getFileName()), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return new Snapshot(new FileStatsStorage(target.resolve(STATS).toFile()), attributes.lastModifiedTime(),
                attributes.size(), target);
    }

    private static boolean isStatsFile(String name) {
        return name.equals(STATS) || name.startsWith(STATS + ".wal.");
    }

    private static void close(Snapshot snapshot) {
        try {
            snapshot.storage().close();
        } catch (IOException | RuntimeException | IllegalAccessError alreadyClosed) {
            // MapDB closes its files in a shutdown hook of its own and then throws IllegalAccessError on close.
            LOG.debug("Closing a statistics copy: {}", alreadyClosed.getMessage());
        }
        try {
            deleteTree(snapshot.copy());
        } catch (IOException e) {
            LOG.debug("Removing a statistics copy: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        attached.values().forEach(StatsSnapshots::close);
        attached.clear();
        try {
            deleteTree(copies);
        } catch (IOException e) {
            LOG.debug("Removing {}: {}", copies, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(file);
            }
        }
    }
}
