package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
 */
public record Machine(String osName, Set<String> cpuFlags, String hugePageMode) {
    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Pattern SELECTED_MODE = Pattern.compile("\\[(\\w+)]");

    public Machine {
        cpuFlags = Set.copyOf(cpuFlags);
    }

    /** This machine, read from /proc and /sys. */
    public static Machine current() {
        return new Machine(System.getProperty("os.name"), cpuFlags(Path.of("/proc/cpuinfo")),
                hugePageMode(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
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
