package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {
    @TempDir
    Path temp;

    @Test
    void theFirstCommandWritesAnArchiveThatLaterOnesMapWhenItEndedWell() throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), "a jar");
        Path cache = temp.resolve("cache");
        ClassDataArchive first = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        assertThat(first.jvmOptions().get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(first.jvmOptions()).contains("-Xlog:cds*=off");

        dumpAtExit(first);
        first.settle(0);

        ClassDataArchive later = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        assertThat(later.jvmOptions()).first().isEqualTo("-XX:SharedArchiveFile=" + first.archive());
        assertThat(files(cache)).containsExactly(first.archive());
    }

    @Test
    void aFailedCommandLeavesNoArchive() throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), "a jar");
        Path cache = temp.resolve("cache");
        ClassDataArchive failed = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        dumpAtExit(failed);

        failed.settle(3);

        assertThat(files(cache)).isEmpty();
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), "a jar");
        Path cache = temp.resolve("cache");
        ClassDataArchive old = settled(jar, cache);

        Files.writeString(jar, "a rebuilt jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        ClassDataArchive rebuilt = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        assertThat(rebuilt.archive()).isNotEqualTo(old.archive());
        assertThat(rebuilt.jvmOptions().get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        settled(jar, cache);

        assertThat(files(cache)).containsExactly(rebuilt.archive());
    }

    @Test
    void classDirectoriesAndTheUsersOwnSharingOptionsAreLeftAlone() throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), "a jar");
        Path cache = temp.resolve("cache");
        assertThat(ClassDataArchive.forJar(temp.toString(), List.of(), cache)).isEmpty();
        assertThat(ClassDataArchive.forJar(jar + ":" + temp, List.of(), cache)).isEmpty();
        assertThat(ClassDataArchive.forJar(jar.toString(), List.of("-Xshare:off"), cache)).isEmpty();
        assertThat(ClassDataArchive.forJar(jar.toString(), List.of("-XX:SharedArchiveFile=/x.jsa"), cache)).isEmpty();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static ClassDataArchive settled(Path jar, Path cache) throws IOException {
        ClassDataArchive archive = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        dumpAtExit(archive);
        archive.settle(0);
        return archive;
    }

    /** What the child JVM does as it exits: writes the file its -XX:ArchiveClassesAtExit option names. */
    private static void dumpAtExit(ClassDataArchive archive) throws IOException {
        String dumpOption = archive.jvmOptions().get(0);
        Files.writeString(Path.of(dumpOption.substring(dumpOption.indexOf('=') + 1)), "classes");
    }
}
