package dev.dl4jrunner.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file of a run directory the way a server may: a regular file only, never through a symbolic link (the
 * last path component is opened with {@code O_NOFOLLOW}), and never more than a cap. A run directory is data a
 * process wrote, and perhaps a person edited; nothing in it may lead the reader elsewhere.
 */
public final class RunFileReader {
    /** Far above any text file a run writes (a 1,000-epoch metrics.csv is 100 kB). */
    static final long MAX_TEXT_BYTES = 8L << 20;
    /** Far above a plot (about 40 kB) or a report (about 100 kB). */
    public static final long MAX_FILE_BYTES = 32L << 20;

    private RunFileReader() {
    }

    /** Why a file was not read, in a few words for a note: "missing", "is a symbolic link", ... */
    public static final class Unreadable extends IOException {
        private final boolean missing;

        Unreadable(String reason, boolean missing) {
            super(reason);
            this.missing = missing;
        }

        public boolean missing() {
            return missing;
        }
    }

    /** The file as UTF-8 text; malformed bytes become U+FFFD. */
    public static String text(Path file) throws Unreadable {
        return new String(bytes(file, MAX_TEXT_BYTES), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Path file, long maxBytes) throws Unreadable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new Unreadable("missing", true);
        } catch (IOException e) {
            throw new Unreadable(reason(e), false);
        }
        if (attributes.isSymbolicLink()) {
            throw new Unreadable("is a symbolic link; not followed", false);
        }
        if (!attributes.isRegularFile()) {
            throw new Unreadable("is not a regular file", false);
        }
        if (attributes.size() > maxBytes) {
            throw new Unreadable("is larger than " + (maxBytes >> 20) + " MB; not read", false);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) maxBytes + 1);
            if (content.length > maxBytes) {
                throw new Unreadable("is larger than " + (maxBytes >> 20) + " MB; not read", false);
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new Unreadable("missing", true);
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable(reason(e), false);
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
