package dev.dl4jrunner.launch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The environment that makes ND4J train fast on a Linux CPU, which native libraries read only when a process starts;
 * the {@link Launcher} starts the training JVM with it.
 *
 * <ul>
 *   <li>glibc's allocator: ND4J's oneDNN convolutions allocate and free 50 to 140 MB on every call. glibc serves
 *       blocks that large with fresh memory mappings, so every iteration page-faults and zeroes about 2 GB. One
 *       arena with no mapping or trimming threshold keeps that memory for reuse: training at 64x64 went from 11.8 to
 *       16.6 images/s here, for about 0.35 GiB more resident memory. Set at run time with {@code mallopt}, the same
 *       values halved the page faults instead of removing them: threads that already have an arena keep it.</li>
 *   <li>Huge pages for that memory ({@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}, where the kernel gives
 *       transparent huge pages on request): the first iteration touches about 2 GB of fresh memory, half a million
 *       page faults with 4 KiB pages, which took 3 s on this project's virtual machine; with 2 MiB pages the first
 *       iteration at 64x64 finished 3 s sooner (8.3 to 5.3 s after the start). glibc before 2.35 ignores it.</li>
 *   <li>OpenBLAS's kernels: OpenBLAS 0.3.19 does not recognize newer AVX-512 CPUs (this project's EPYC) and falls back
 *       to slow kernels; its SkylakeX kernels run on every CPU with AVX-512 and took plain GEMM from 23 to 146
 *       GFLOP/s here. The dense layers multiply with OpenBLAS; the convolutions use oneDNN, which detects the CPU
 *       itself.</li>
 * </ul>
 *
 * A variable the user has set is never changed, and setting {@code MALLOC_ARENA_MAX} (to anything) is how a user
 * takes the allocator, huge pages included, out of the runner's hands.
 */
public final class ProcessTuning {
    /** glibc's allocator settings, as {@code NAME=value} in the order shown to users. */
    public static final Map<String, String> ALLOCATOR = orderedMap(
            "MALLOC_ARENA_MAX", "1",
            "MALLOC_MMAP_THRESHOLD_", "4294967296",
            "MALLOC_TRIM_THRESHOLD_", "4294967296");
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
        if (!environment.containsKey("MALLOC_ARENA_MAX")) {
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
        Stream.concat(ALLOCATOR.keySet().stream(), Stream.of(GLIBC_TUNABLES, OPENBLAS_CORETYPE))
                .filter(environment::containsKey)
                .forEach(name -> inEffect.put(name, environment.get(name)));
        return inEffect;
    }

    /** Whether {@code environment} has all of the allocator settings, with the runner's values. */
    public static boolean allocatorTuned(Map<String, String> environment) {
        return ALLOCATOR.entrySet().stream()
                .allMatch(setting -> setting.getValue().equals(environment.get(setting.getKey())));
    }

    /** Whether {@code environment} has glibc's allocator ask for huge pages. */
    public static boolean hugePagesRequested(Map<String, String> environment) {
        return environment.getOrDefault(GLIBC_TUNABLES, "").matches("(.*:)?glibc\\.malloc\\.hugetlb=[12](:.*)?");
    }

    /** A hint for a Linux process that runs without the allocator settings though it could have them. */
    public static Optional<String> advice(Map<String, String> missing) {
        if (!missing.keySet().containsAll(ALLOCATOR.keySet())) {
            return Optional.empty();
        }
        String settings = ALLOCATOR.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return Optional.of("This JVM runs without glibc's allocator tuned for ND4J, which makes training about 40% "
                + "faster: start it with `java -jar runner.jar`, which sets it up, or `export " + settings
                + "` first (README: Backends and speed)");
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
