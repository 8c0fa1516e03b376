package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The main heap in this process ({@code [heap]}, grown with {@code sbrk}): where ND4J's arrays, DL4J's workspaces and
 * oneDNN's buffers live when the process runs with the {@link ProcessTuning} allocator settings, glibc's (one arena)
 * or tcmalloc (which takes memory from the same heap first); in both, freed memory stays in it.
 */
public final class NativeHeap {
    private static final String HEAP = "[heap]";
    private static final String AVAILABLE = "MemAvailable:";

    private NativeHeap() {
    }

    /** How far the main heap extends now; empty where there is no {@code /proc/self/maps} or no heap in it. */
    public static OptionalLong extent() {
        return read("/proc/self/maps", NativeHeap::extent);
    }

    /**
     * The span of the {@code [heap]} mappings in the lines of a {@code /proc/PID/maps} file: the kernel splits the
     * heap into several where parts of it are advised differently (huge pages), but it grows as one range.
     */
    static OptionalLong extent(List<String> maps) {
        long start = -1;
        long end = -1;
        for (String line : maps) {
            if (line.endsWith(HEAP)) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                if (start < 0) {
                    start = Long.parseUnsignedLong(range[0], 16);
                }
                end = Long.parseUnsignedLong(range[1], 16);
            }
        }
        return start < 0 ? OptionalLong.empty() : OptionalLong.of(end - start);
    }

    /**
     * The largest block that stays in the heap once freed, ready for reuse with its pages already in memory, under
     * {@code environment}'s allocator settings: with tcmalloc that releases nothing ({@code TCMALLOC_RELEASE_RATE=0},
     * as the launcher starts it), any block; with glibc and one arena, one below both the mapping and the trimming
     * threshold (a larger block is mapped afresh, or handed back to the system when freed); 0 otherwise.
     */
    public static long keptWhenFreed(Map<String, String> environment) {
        if (ProcessTuning.tcmallocPreloaded(environment)) {
            return "0".equals(environment.get(ProcessTuning.TCMALLOC_RELEASE_RATE)) ? Long.MAX_VALUE : 0;
        }
        if (!"1".equals(environment.get("MALLOC_ARENA_MAX"))) {
            return 0;
        }
        try {
            return Math.min(Long.parseLong(environment.getOrDefault("MALLOC_MMAP_THRESHOLD_", "0")),
                    Long.parseLong(environment.getOrDefault("MALLOC_TRIM_THRESHOLD_", "0")));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    /** The memory the kernel could give this process without swapping ({@code MemAvailable}); empty when unknown. */
    public static OptionalLong available() {
        return read("/proc/meminfo", NativeHeap::available);
    }

    static OptionalLong available(List<String> meminfo) {
        return meminfo.stream().filter(line -> line.startsWith(AVAILABLE))
                .map(line -> line.substring(AVAILABLE.length()).replace("kB", "").trim())
                .mapToLong(kibibytes -> Long.parseLong(kibibytes) * 1024)
                .findFirst();
    }

    /** {@code parse} of the lines of {@code file}; empty when it cannot be read or parsed. */
    private static OptionalLong read(String file, Function<List<String>, OptionalLong> parse) {
        try {
            return parse.apply(Files.readAllLines(Path.of(file)));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }
}
