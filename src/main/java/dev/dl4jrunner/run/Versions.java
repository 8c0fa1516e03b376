package dev.dl4jrunner.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The runner's and DL4J's versions, filled in by the build into {@code dl4j-runner.properties}. */
public final class Versions {
    private static final Properties BUILD = load();

    private Versions() {
    }

    public static String runner() {
        return BUILD.getProperty("runner.version", "unknown");
    }

    public static String dl4j() {
        return BUILD.getProperty("dl4j.version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dl4j-runner.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
