package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@link ProcessTuning} depends on in the machine.
 *
 * @param osName         the JVM's {@code os.name}
 * @param cpuFlags       the CPU's features as /proc/cpuinfo names them; empty when unknown
 * @param hugePageMode   the kernel's transparent huge page mode ({@code always}, {@code madvise} or {@code never});
 *                       {@code never} when unknown
 * @param tcmalloc       gperftools' tcmalloc library where the system's packages install it
 *                       ({@code libtcmalloc-minimal4} on Debian and Ubuntu, {@code gperftools-libs} on Fedora);
 *                       empty when it is not installed
 */
public record Machine(String osName, Set<String> cpuFlags, String hugePageMode, Optional<Path> tcmalloc) {
    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Pattern SELECTED_MODE = Pattern.compile("\\[(\\w+)]");
    /** Where Debian and Ubuntu (multiarch), Fedora and RHEL, Arch, and a build from source put shared libraries. */
    static final List<Path> LIBRARY_DIRECTORIES = Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib", "/usr/local/lib").map(Path::of).toList();
    /** The library without gperftools' heap profiler first; either serves. */
    private static final List<String> TCMALLOC_NAMES = List.of("libtcmalloc_minimal.so.4", "libtcmalloc.so.4");

    public Machine {
        cpuFlags = Set.copyOf(cpuFlags);
    }

    /** A machine without tcmalloc. */
    public Machine(String osName, Set<String> cpuFlags, String hugePageMode) {
        this(osName, cpuFlags, hugePageMode, Optional.empty());
    }

    /** This machine, read from /proc, /sys and the library directories. */
    public static Machine current() {
        return new Machine(System.getProperty("os.name"), cpuFlags(Path.of("/proc/cpuinfo")),
                hugePageMode(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")), tcmalloc(LIBRARY_DIRECTORIES));
    }

    public boolean linux() {
        return osName.toLowerCase(Locale.ROOT).contains("linux");
    }

    public boolean avx512() {
        return cpuFlags.containsAll(AVX512);
    }

    /** Whether a process gets huge pages for memory it asks them for (madvise), or for all its memory. */
    public boolean hugePagesOnRequest() {
        return hugePageMode.equals("madvise") || hugePageMode.equals("always");
    }

    /** The CPU's feature flags from the first {@code flags} line of {@code cpuinfo}; empty when unreadable. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .map(flags -> Set.copyOf(Arrays.asList(flags.split("\\s+"))))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException unreadable) {
            return Set.of();
        }
    }

    /** The first tcmalloc library in {@code directories}; empty when none has one. */
    static Optional<Path> tcmalloc(List<Path> directories) {
        return directories.stream()
                .flatMap(directory -> TCMALLOC_NAMES.stream().map(directory::resolve))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /** The selected mode in a file such as {@code always [madvise] never}; {@code never} when unreadable. */
    static String hugePageMode(Path enabled) {
        try {
            Matcher selected = SELECTED_MODE.matcher(Files.readString(enabled));
            return selected.find() ? selected.group(1) : "never";
        } catch (IOException | RuntimeException unreadable) {
            return "never";
        }
    }
}
