package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One build of the runner jar, run by one JVM: what the caches kept for it in the {@link UserCache} are named
 * after. A cache file is named {@code KIND-JAR-BUILD...}: every build of the same jar path shares the {@code KIND-JAR-}
 * prefix, so a rebuilt jar finds and removes what its earlier builds left.
 *
 * @param jar     the jar's absolute path
 * @param version what changes when the jar is rebuilt in place or run by another JVM
 */
public record JarBuild(Path jar, String version) {
    /** The build a JVM with {@code classPath} runs: empty unless the class path is one jar file. */
    public static Optional<JarBuild> of(String classPath) {
        Path jar = Path.of(classPath).toAbsolutePath().normalize();
        if (!classPath.endsWith(".jar") || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JarBuild(jar, Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis()
                    + " " + System.getProperty("java.home") + " " + System.getProperty("java.vm.version")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The build this JVM runs. */
    public static Optional<JarBuild> current() {
        return of(System.getProperty("java.class.path"));
    }

    /** The start of the names of {@code kind}'s cache files, for every build of this jar. */
    public String jarPrefix(String kind) {
        return kind + "-" + digest(jar.toString()) + "-";
    }

    /** The start of the names of {@code kind}'s cache files for this build. */
    public String buildPrefix(String kind) {
        return jarPrefix(kind) + digest(version);
    }

    /** Removes {@code kind}'s files in {@code directory} that earlier builds of this jar left there. */
    public void removeEarlierBuilds(Path directory, String kind) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, jarPrefix(kind) + "*")) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(buildPrefix(kind))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A short name for {@code text}; String's hash is the same in every JVM, and a collision costs one cache file. */
    public static String digest(String text) {
        return String.format("%08x", text.hashCode());
    }
}
