package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a reader, or a crash, never sees half of one: the content goes to a temporary file in the
 * same directory, is flushed to disk, and is then renamed over the target in one step.
 */
public final class AtomicFiles {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private AtomicFiles() {
    }

    /** Produces a file's content at the temporary path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        Path temporary = Files.createFile(dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".tmp"));
        try {
            writer.writeTo(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, temporary -> Files.writeString(temporary, content, StandardCharsets.UTF_8));
    }

    /** Copies {@code source} to {@code target} with the same guarantee. */
    public static void copy(Path source, Path target) throws IOException {
        write(target, temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
    }
}
