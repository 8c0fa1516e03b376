package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Class-data sharing for the JVM the {@link Launcher} starts, as JDK 19's {@code -XX:+AutoCreateSharedArchive} would
 * do it: the first command of a runner jar that ends well leaves the classes it loaded in an archive
 * ({@code -XX:ArchiveClassesAtExit}, about 45 MB, a second at exit), and later commands map them instead of reading
 * and verifying them from the jar (6,700 classes at 64x64: 0.5-0.6 s of class loading here without the launcher;
 * through it, start-ups varied by more than that, docs/performance.md). One archive per jar and
 * JVM in the user's cache directory; a jar rebuilt in place, or another JVM, gets a new one and the old one is
 * removed. Everything here is a cache: when a file cannot be written or an archive does not fit, the JVM loads its
 * classes as usual, and says nothing of it.
 *
 * <p>The archive is mapped at the address it was written for ({@code -XX:ArchiveRelocationMode=0}), not at a random
 * one, as recent JDK 17 updates do by default (17.0.15 here): relocating every pointer in the 45-55 MB archive took
 * 0.15-0.2 s of each start here (the JVM's creation 0.23-0.29 s against 0.06 s). The rest of the process (heap,
 * stacks, native libraries, ND4J's memory) keeps its randomized addresses; a user who wants the archive's too passes
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=1}, which the child then keeps.
 */
final class ClassDataArchive {
    /** CDS reports through these log tags; what it has to say (classes it skips, an archive it cannot use) is noise. */
    private static final String QUIET = "-Xlog:cds*=off";
    /**
     * Maps the archive without relocating it. A diagnostic option: a JDK without it ignores it rather than refusing to
     * start (every other option the child gets, the user's own, this JVM accepted already).
     */
    private static final List<String> MAPPED_IN_PLACE = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    private static final String RELOCATION_CHOICE = "-XX:ArchiveRelocationMode";
    private static final List<String> USER_CHOICES = List.of("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-Xshare", "-XX:DumpLoadedClassList");

    private static final String KIND = "runner";

    private final JarBuild build;
    private final Path directory;
    private final Path archive;
    private final Path pending;
    private final boolean relocationChosen;

    private ClassDataArchive(JarBuild build, Path directory, boolean relocationChosen) {
        this.build = build;
        this.directory = directory;
        this.relocationChosen = relocationChosen;
        this.archive = directory.resolve(build.buildPrefix(KIND) + ".jsa");
        this.pending = directory.resolve(build.buildPrefix(KIND) + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * The archive for a JVM started with {@code classPath} and {@code jvmArguments}: empty unless the class path is
     * one jar and the user has not chosen class-data sharing options of their own.
     */
    static Optional<ClassDataArchive> forJar(String classPath, List<String> jvmArguments, Path cacheDirectory) {
        if (jvmArguments.stream().anyMatch(arg -> USER_CHOICES.stream().anyMatch(arg::startsWith))) {
            return Optional.empty();
        }
        try {
            Optional<JarBuild> build = JarBuild.of(classPath);
            if (build.isPresent()) {
                Files.createDirectories(cacheDirectory);
            }
            boolean relocationChosen = jvmArguments.stream().anyMatch(arg -> arg.startsWith(RELOCATION_CHOICE));
            return build.map(jar -> new ClassDataArchive(jar, cacheDirectory, relocationChosen));
        } catch (IOException | RuntimeException notCacheable) {
            return Optional.empty();
        }
    }

    /** The child's options: map the archive if there is one, else write one at exit. */
    List<String> jvmOptions() {
        if (!Files.isRegularFile(archive)) {
            return List.of("-XX:ArchiveClassesAtExit=" + pending, QUIET);
        }
        List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, QUIET));
        if (!relocationChosen) {
            options.addAll(MAPPED_IN_PLACE);
        }
        return options;
    }

    /**
     * After the child: keeps the archive it wrote if it ended well (a failed command may not have loaded what a
     * training needs), and removes this jar's archives from earlier builds.
     */
    void settle(int exitCode) {
        try {
            if (exitCode == 0 && Files.isRegularFile(pending)) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                build.removeEarlierBuilds(directory, KIND);
            } else {
                Files.deleteIfExists(pending);
            }
        } catch (IOException | RuntimeException ignored) {
            // A cache: the next command tries again.
        }
    }

    Path archive() {
        return archive;
    }
}
