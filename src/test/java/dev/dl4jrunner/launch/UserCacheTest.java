package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserCacheTest {
    @Test
    void theCacheFollowsXdgCacheHome() {
        assertThat(UserCache.directory(Map.of("XDG_CACHE_HOME", "/var/cache/u")))
                .isEqualTo(Path.of("/var/cache/u/dl4j-runner"));
        assertThat(UserCache.directory(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "dl4j-runner"));
    }
}
