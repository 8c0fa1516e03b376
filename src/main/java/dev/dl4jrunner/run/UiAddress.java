package dev.dl4jrunner.run;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <runs>/.ui}: the address of the {@code runner ui} serving a runs directory, so that a training process
 * started there can send its statistics to it live. Written by the UI when it starts, removed when it stops; a
 * file left by a killed UI points at a server that no longer answers, which a trainer checks.
 */
public final class UiAddress {
    private static final String FILE = ".ui";
    private static final int MAX_BYTES = 256;

    private UiAddress() {
    }

    public static Path file(Path runsDir) {
        return runsDir.resolve(FILE);
    }

    public static void write(Path runsDir, URI address) throws IOException {
        AtomicFiles.writeString(file(runsDir), address + "\n");
    }

    /** The address in the file, if it is there and is a plain {@code http://host:port} address. */
    public static Optional<URI> read(Path runsDir) {
        Path file = file(runsDir);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            URI address = new URI(Files.readString(file, StandardCharsets.UTF_8).strip());
            boolean plain = "http".equals(address.getScheme()) && address.getHost() != null && address.getPort() > 0
                    && (address.getPath() == null || address.getPath().isEmpty()) && address.getQuery() == null;
            return plain ? Optional.of(address) : Optional.empty();
        } catch (IOException | URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names {@code address}: a second UI may have taken the directory over since. */
    public static void remove(Path runsDir, URI address) {
        if (read(runsDir).filter(address::equals).isPresent()) {
            try {
                Files.deleteIfExists(file(runsDir));
            } catch (IOException e) {
                // A stale file is harmless: trainers check that the address answers.
            }
        }
    }
}
