package dev.dl4jrunner.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runner's directory in the user's cache: what makes later commands start sooner (a class-data archive, the
 * native memory each model's first iterations took). Everything in it may be deleted at any time; nothing there is
 * needed for a command to work.
 */
public final class UserCache {
    private UserCache() {
    }

    /** {@code $XDG_CACHE_HOME/dl4j-runner}, or {@code ~/.cache/dl4j-runner}. */
    public static Path directory(Map<String, String> environment) {
        String cache = environment.get("XDG_CACHE_HOME");
        Path base = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
        return base.resolve("dl4j-runner");
    }
}
