package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock a training process holds on its run directory ({@code .lock}, with its pid inside), so that a second
 * process cannot resume a run that is still training. The operating system releases it when the process ends,
 * however it ends, so a killed run can be resumed at once.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code run}, or empty when another process (or this one) holds it. */
    public static Optional<RunLock> tryAcquire(RunDirectory run) throws IOException {
        FileChannel channel = FileChannel.open(run.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new RunLock(channel, lock));
        } catch (OverlappingFileLockException heldHere) {
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether a live process trains {@code run} now, without disturbing it: a run whose summary says
     * {@code running} but whose lock is free was killed. Takes a shared lock for an instant, so it never writes.
     */
    public static boolean isHeld(RunDirectory run) {
        if (!Files.exists(run.lock())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(run.lock(), StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid written by the process holding the lock on {@code run}, if it can be read. */
    public static Optional<String> holder(RunDirectory run) {
        try {
            String pid = Files.readString(run.lock(), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
