package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
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

    @Test
    void aLaterCommandMapsTheArchiveWhereItWasWrittenUnlessTheUserChoseOtherwise() throws Exception {
        Path jar = Files.copy(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                temp.resolve("app.jar"));
        Path cache = temp.resolve("cache");
        ClassDataArchive first = ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow();
        startJvm(jar, first.jvmOptions());
        first.settle(0);
        assertThat(first.archive()).isRegularFile();

        String mapped = startJvm(jar, ClassDataArchive.forJar(jar.toString(), List.of(), cache).orElseThrow()
                .jvmOptions());
        assertThat(mapped).contains("Mapped dynamic region").doesNotContain("alternative address");

        List<String> userChoice = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=1");
        List<String> chosen = new ArrayList<>(userChoice);
        chosen.addAll(ClassDataArchive.forJar(jar.toString(), userChoice, cache).orElseThrow().jvmOptions());
        assertThat(startJvm(jar, chosen)).contains("Mapped dynamic region").contains("alternative address");
    }

    /** Starts a JVM with {@code options} on {@code jar}, logging how it maps class data; returns what it printed. */
    private static String startJvm(Path jar, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-Xlog:cds=info", "-cp", jar.toString(), "picocli.AutoComplete", "--help"));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(output).isZero();
        return output;
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
