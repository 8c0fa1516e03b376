package dev.dl4jrunner.launch;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The environment that makes ND4J train fast on a Linux CPU, which native libraries read only when a process starts;
 * the {@link Launcher} starts the training JVM with it.
 *
 * <ul>
 *   <li>The allocator: ND4J's oneDNN convolutions allocate and free 50 to 140 MB on every call. glibc's defaults
 *       serve blocks that large with fresh memory mappings, so every iteration page-faults and zeroes about 2 GB.
 *       Where gperftools' tcmalloc is installed ({@link Machine#tcmalloc()}), the training JVM preloads it, with a
 *       release rate of 0: it keeps freed memory for reuse in size-classed spans, which pack a step's temporaries
 *       closer than glibc's one heap, and at 64x64 it trained as fast as the glibc settings below with a quarter
 *       less peak memory (1.21-1.35 against 1.74-1.78 GiB; docs/performance.md, twelfth session). tcmalloc reports
 *       every allocation over 1 GiB on standard error unless told not to; the paper's model at 224x224 makes such
 *       allocations.</li>
 *   <li>Otherwise glibc, tuned: one arena with no mapping or trimming threshold keeps that memory for reuse. Training
 *       at 64x64 went from 11.8 to 16.6 images/s here, for about 0.35 GiB more resident memory. Set at run time with
 *       {@code mallopt}, the same values halved the page faults instead of removing them: threads that already have
 *       an arena keep it.</li>
 *   <li>Huge pages for glibc's memory ({@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}, where the kernel gives
 *       transparent huge pages on request): the first iteration touches about 2 GB of fresh memory, half a million
 *       page faults with 4 KiB pages, which took 3 s on this project's virtual machine; with 2 MiB pages the first
 *       iteration at 64x64 finished 3 s sooner (8.3 to 5.3 s after the start). glibc before 2.35 ignores it.</li>
 *   <li>OpenBLAS's kernels: OpenBLAS 0.3.19 does not recognize newer AVX-512 CPUs (this project's EPYC) and falls back
 *       to slow kernels; its SkylakeX kernels run on every CPU with AVX-512 and took plain GEMM from 23 to 146
 *       GFLOP/s here. The dense layers multiply with OpenBLAS; the convolutions use oneDNN, which detects the CPU
 *       itself.</li>
 * </ul>
 *
 * A variable the user has set is never changed. Setting {@code MALLOC_ARENA_MAX} (to anything), or preloading an
 * allocator of one's own, is how a user takes the allocator out of the runner's hands; exporting the glibc settings
 * below chooses them over tcmalloc.
 */
public final class ProcessTuning {
    /** glibc's allocator settings, as {@code NAME=value} in the order shown to users. */
    public static final Map<String, String> ALLOCATOR = orderedMap(
            "MALLOC_ARENA_MAX", "1",
            "MALLOC_MMAP_THRESHOLD_", "4294967296",
            "MALLOC_TRIM_THRESHOLD_", "4294967296");
    public static final String LD_PRELOAD = "LD_PRELOAD";
    /** How large an allocation must be for tcmalloc to report it on standard error: in effect, never. */
    static final String TCMALLOC_REPORT_THRESHOLD = "TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD";
    private static final String NEVER_REPORTED = Long.toString(Long.MAX_VALUE);
    /** How fast tcmalloc hands freed memory back to the system; 0 keeps it for reuse. */
    public static final String TCMALLOC_RELEASE_RATE = "TCMALLOC_RELEASE_RATE";
    private static final String KEPT_FOR_REUSE = "0";
    /** A preloaded library that replaces malloc: gperftools' tcmalloc, jemalloc, mimalloc and the like. */
    private static final Pattern PRELOADED_ALLOCATOR = Pattern.compile("(^|[/:\\s])lib\\w*malloc[\\w.-]*\\.so");
    private static final Pattern PRELOADED_TCMALLOC = Pattern.compile("(^|[/:\\s])libtcmalloc[\\w.-]*\\.so");
    private static final List<String> TCMALLOC_SETTINGS = List.of(LD_PRELOAD, TCMALLOC_RELEASE_RATE,
            TCMALLOC_REPORT_THRESHOLD);
    public static final String GLIBC_TUNABLES = "GLIBC_TUNABLES";
    private static final String HUGE_PAGES = "glibc.malloc.hugetlb=1";
    public static final String OPENBLAS_CORETYPE = "OPENBLAS_CORETYPE";
    private static final String OPENBLAS_AVX512_CORE = "SkylakeX";

    private ProcessTuning() {
    }

    /** The settings a process with {@code environment} lacks on {@code machine}; empty when there is nothing to add. */
    public static Map<String, String> missing(Map<String, String> environment, Machine machine) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (!machine.linux()) {
            return missing;
        }
        boolean usersAllocator = environment.containsKey("MALLOC_ARENA_MAX") || allocatorPreloaded(environment);
        boolean glibcChosen = ALLOCATOR.keySet().stream().anyMatch(environment::containsKey);
        if (!usersAllocator && !glibcChosen && machine.tcmalloc().isPresent()) {
            String preloaded = environment.getOrDefault(LD_PRELOAD, "");
            missing.put(LD_PRELOAD, machine.tcmalloc().get() + (preloaded.isBlank() ? "" : ":" + preloaded));
            if (!environment.containsKey(TCMALLOC_RELEASE_RATE)) {
                missing.put(TCMALLOC_RELEASE_RATE, KEPT_FOR_REUSE);
            }
            if (!environment.containsKey(TCMALLOC_REPORT_THRESHOLD)) {
                missing.put(TCMALLOC_REPORT_THRESHOLD, NEVER_REPORTED);
            }
        } else if (!usersAllocator) {
            ALLOCATOR.forEach((name, value) -> {
                if (!environment.containsKey(name)) {
                    missing.put(name, value);
                }
            });
            if (!environment.containsKey(GLIBC_TUNABLES) && machine.hugePagesOnRequest()) {
                missing.put(GLIBC_TUNABLES, HUGE_PAGES);
            }
        }
        if (!environment.containsKey(OPENBLAS_CORETYPE) && machine.avx512()) {
            missing.put(OPENBLAS_CORETYPE, OPENBLAS_AVX512_CORE);
        }
        return missing;
    }

    /** {@link #missing} for this process on this machine. */
    public static Map<String, String> missing() {
        return missing(System.getenv(), Machine.current());
    }

    /** The tuning variables set in {@code environment}, whoever set them: what a run records. */
    public static Map<String, String> inEffect(Map<String, String> environment) {
        Map<String, String> inEffect = new LinkedHashMap<>();
        Stream.of(TCMALLOC_SETTINGS, ALLOCATOR.keySet(), List.of(GLIBC_TUNABLES, OPENBLAS_CORETYPE))
                .flatMap(Collection::stream)
                .filter(environment::containsKey)
                .forEach(name -> inEffect.put(name, environment.get(name)));
        return inEffect;
    }

    /**
     * The allocator set up for ND4J in a process with {@code environment}, as the backend line names it: tcmalloc
     * preloaded, or glibc's with all of the runner's settings; empty for neither.
     */
    public static Optional<String> tunedAllocator(Map<String, String> environment) {
        if (tcmallocPreloaded(environment)) {
            return Optional.of("tcmalloc");
        }
        return glibcTuned(environment) ? Optional.of("allocator tuned") : Optional.empty();
    }

    /** Whether {@code environment} has all of glibc's allocator settings, with the runner's values, and no tcmalloc. */
    private static boolean glibcTuned(Map<String, String> environment) {
        return !tcmallocPreloaded(environment) && ALLOCATOR.entrySet().stream()
                .allMatch(setting -> setting.getValue().equals(environment.get(setting.getKey())));
    }

    /** Whether a process with {@code environment} allocates with tcmalloc. */
    public static boolean tcmallocPreloaded(Map<String, String> environment) {
        return PRELOADED_TCMALLOC.matcher(environment.getOrDefault(LD_PRELOAD, "")).find();
    }

    /** Whether {@code environment} preloads a library that replaces malloc, the runner's or the user's. */
    static boolean allocatorPreloaded(Map<String, String> environment) {
        return PRELOADED_ALLOCATOR.matcher(environment.getOrDefault(LD_PRELOAD, "")).find();
    }

    /** Whether {@code environment} has glibc's allocator ask for huge pages. */
    public static boolean hugePagesRequested(Map<String, String> environment) {
        return environment.getOrDefault(GLIBC_TUNABLES, "").matches("(.*:)?glibc\\.malloc\\.hugetlb=[12](:.*)?");
    }

    /** A hint for a Linux process that runs without an allocator set up for ND4J though it could have one. */
    public static Optional<String> advice(Map<String, String> missing) {
        if (!missing.containsKey(LD_PRELOAD) && !missing.keySet().containsAll(ALLOCATOR.keySet())) {
            return Optional.empty();
        }
        String settings = missing.entrySet().stream()
                .filter(setting -> TCMALLOC_SETTINGS.contains(setting.getKey())
                        || ALLOCATOR.containsKey(setting.getKey()))
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining(" "));
        return Optional.of("This JVM runs without an allocator set up for ND4J, which makes training about 40% "
                + "faster: start it with `java -jar runner.jar`, which sets it up, or `export " + settings
                + "` first (README: Backends and speed)");
    }

    /**
     * A hint for a process that runs with glibc tuned because {@code machine} has no tcmalloc: installing it lowers
     * the peak memory; empty otherwise (also where the user chose glibc over an installed tcmalloc).
     */
    public static Optional<String> tcmallocHint(Map<String, String> environment, Machine machine) {
        if (!machine.linux() || machine.tcmalloc().isPresent() || !glibcTuned(environment)) {
            return Optional.empty();
        }
        return Optional.of("With gperftools' tcmalloc installed (`apt-get install libtcmalloc-minimal4`), the runner "
                + "trains with it instead: as fast, with about a quarter less peak memory (README: Backends and speed)");
    }

    /** {@link #tcmallocHint} for this process on this machine. */
    public static Optional<String> tcmallocHint() {
        return tcmallocHint(System.getenv(), Machine.current());
    }

    /** {@link #advice} for this process on this machine. */
    public static Optional<String> advice() {
        return advice(missing());
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
