package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a reader, or a crash, never sees half of one: the content goes to a temporary file in the
 * same directory, is flushed to disk, and is then renamed over the target in one step.
 */
public final class AtomicFiles {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.\\d+-\\d+\\.tmp");
    private AtomicFiles() {
    }

    /** Produces a file's content at the temporary path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}; on failure (a full disk, say) the previous {@code target} is
     * untouched, the temporary file is gone, and the exception names {@code target}.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path temporary = null;
        try {
            temporary = createTemporary(target);
            writer.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
    }

    /**
     * Deletes the temporary files a killed process left in {@code dir} (not below it); a running writer's temporary
     * file must not be there, so call this only while holding the run's lock.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> TEMPORARY.matcher(f.getFileName().toString()).matches()).toList()) {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            }
        }
        return removed;
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, temporary -> Files.writeString(temporary, content, StandardCharsets.UTF_8));
    }

    /**
     * Gives {@code target} the content of {@code source} with the same guarantee: a hard link when the file system
     * has them, which costs nothing whatever the size and is safe because no file here is ever changed in place,
     * only replaced; a copy otherwise.
     */
    public static void copy(Path source, Path target) throws IOException {
        Path temporary = temporaryName(target);
        try {
            Files.createLink(temporary, source);
        } catch (UnsupportedOperationException | IOException noLinks) {
            write(target, copy -> Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING));
            return;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        return Files.createFile(temporaryName(target));
    }

    private static Path temporaryName(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet() + TEMPORARY_SUFFIX);
    }
}
