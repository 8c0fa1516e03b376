package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ProcessTuningTest {
    private static final Set<String> AVX512 = Set.of("sse4_2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq",
            "avx512vl");
    private static final Set<String> AVX2 = Set.of("sse4_2", "avx2", "fma");
    private static final Machine LINUX_AVX512 = new Machine("Linux", AVX512, "madvise");
    private static final Machine LINUX_AVX2 = new Machine("Linux", AVX2, "madvise");
    private static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
    private static final Machine LINUX_AVX512_TCMALLOC = new Machine("Linux", AVX512, "madvise", Optional.of(TCMALLOC));

    @Test
    void anUntunedLinuxProcessOnAnAvx512CpuLacksTheAllocatorSettingsHugePagesAndOpenBlasKernels() {
        assertThat(ProcessTuning.missing(Map.of("HOME", "/root"), LINUX_AVX512)).containsExactly(
                entry("MALLOC_ARENA_MAX", "1"), entry("MALLOC_MMAP_THRESHOLD_", "4294967296"),
                entry("MALLOC_TRIM_THRESHOLD_", "4294967296"), entry("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"),
                entry("OPENBLAS_CORETYPE", "SkylakeX"));
    }

    @Test
    void whereTcmallocIsInstalledItIsPreloadedInsteadOfTuningGlibc() {
        assertThat(ProcessTuning.missing(Map.of("HOME", "/root"), LINUX_AVX512_TCMALLOC)).containsExactly(
                entry("LD_PRELOAD", TCMALLOC.toString()), entry("TCMALLOC_RELEASE_RATE", "0"),
                entry("TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD", Long.toString(Long.MAX_VALUE)),
                entry("OPENBLAS_CORETYPE", "SkylakeX"));
    }

    @Test
    void aProcessStartedWithTcmallocLacksNothing() {
        Map<String, String> launched = ProcessTuning.missing(Map.of(), LINUX_AVX512_TCMALLOC);
        assertThat(ProcessTuning.missing(launched, LINUX_AVX512_TCMALLOC)).isEmpty();
        assertThat(ProcessTuning.tunedAllocator(launched)).contains("tcmalloc");
    }

    @Test
    void tcmallocGoesBeforeWhatTheUserPreloadsButNotInstead() {
        assertThat(ProcessTuning.missing(Map.of("LD_PRELOAD", "/opt/lib/libtrace.so"), LINUX_AVX512_TCMALLOC))
                .containsEntry("LD_PRELOAD", TCMALLOC + ":/opt/lib/libtrace.so");
    }

    @Test
    void aUsersOwnAllocatorOrGlibcSettingsAreChosenOverTcmalloc() {
        assertThat(ProcessTuning.missing(Map.of("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
                LINUX_AVX512_TCMALLOC)).containsOnlyKeys("OPENBLAS_CORETYPE");
        assertThat(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_THRESHOLD_", "4294967296",
                "MALLOC_TRIM_THRESHOLD_", "4294967296"), LINUX_AVX512_TCMALLOC)).containsOnlyKeys("OPENBLAS_CORETYPE");
        assertThat(ProcessTuning.missing(Map.of("MALLOC_TRIM_THRESHOLD_", "4294967296"), LINUX_AVX512_TCMALLOC))
                .containsOnlyKeys("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "GLIBC_TUNABLES", "OPENBLAS_CORETYPE");
    }

    @Test
    void hugePagesAreAskedForOnlyWhereTheKernelGivesThemAndTheUserHasNoTunablesOfTheirOwn() {
        assertThat(ProcessTuning.missing(Map.of(), new Machine("Linux", AVX2, "never")))
                .doesNotContainKey("GLIBC_TUNABLES").containsKey("MALLOC_ARENA_MAX");
        assertThat(ProcessTuning.missing(Map.of(), new Machine("Linux", AVX2, "always"))).containsKey("GLIBC_TUNABLES");
        assertThat(ProcessTuning.missing(Map.of("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0"), LINUX_AVX2))
                .doesNotContainKey("GLIBC_TUNABLES").containsKey("MALLOC_ARENA_MAX");
    }

    @Test
    void hugePagesCountAsRequestedWhereverTheTunableStands() {
        assertThat(ProcessTuning.hugePagesRequested(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"))).isTrue();
        assertThat(ProcessTuning.hugePagesRequested(Map.of("GLIBC_TUNABLES",
                "glibc.malloc.tcache_count=0:glibc.malloc.hugetlb=2"))).isTrue();
        assertThat(ProcessTuning.hugePagesRequested(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"))).isFalse();
        assertThat(ProcessTuning.hugePagesRequested(Map.of())).isFalse();
    }

    @Test
    void openBlasChoosesItsOwnKernelsOnACpuWithoutAvx512() {
        assertThat(ProcessTuning.missing(Map.of(), LINUX_AVX2)).doesNotContainKey("OPENBLAS_CORETYPE")
                .containsKey("MALLOC_ARENA_MAX");
    }

    @Test
    void aUsersOwnSettingsAreKeptAndAnotherSystemGetsNothing() {
        assertThat(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "4", "OPENBLAS_CORETYPE", "Haswell"), LINUX_AVX512))
                .isEmpty();
        assertThat(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "4"), LINUX_AVX512))
                .containsOnlyKeys("OPENBLAS_CORETYPE");
        assertThat(ProcessTuning.missing(Map.of(), new Machine("Mac OS X", AVX512, "never"))).isEmpty();
    }

    @Test
    void onlyAProcessWithoutTheAllocatorSettingsIsAdvisedToExportThem() {
        assertThat(ProcessTuning.advice(ProcessTuning.missing(Map.of(), LINUX_AVX2))).hasValueSatisfying(advice ->
                assertThat(advice).contains("export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 "
                        + "MALLOC_TRIM_THRESHOLD_=4294967296").contains("java -jar runner.jar"));
        assertThat(ProcessTuning.advice(ProcessTuning.missing(Map.of(), LINUX_AVX512_TCMALLOC)))
                .hasValueSatisfying(advice -> assertThat(advice).contains("export LD_PRELOAD=" + TCMALLOC
                        + " TCMALLOC_RELEASE_RATE=0 TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD=" + Long.MAX_VALUE + "`"));
        assertThat(ProcessTuning.advice(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "2"), LINUX_AVX512)))
                .isEmpty();
    }

    @Test
    void onlyAGlibcRunOnAMachineWithoutTcmallocIsToldToInstallIt() {
        Map<String, String> glibcTuned = ProcessTuning.missing(Map.of(), LINUX_AVX512);
        assertThat(ProcessTuning.tcmallocHint(glibcTuned, LINUX_AVX512)).hasValueSatisfying(hint ->
                assertThat(hint).contains("apt-get install libtcmalloc-minimal4"));
        assertThat(ProcessTuning.tcmallocHint(glibcTuned, LINUX_AVX512_TCMALLOC)).as("the user chose glibc").isEmpty();
        assertThat(ProcessTuning.tcmallocHint(ProcessTuning.missing(Map.of(), LINUX_AVX512_TCMALLOC),
                LINUX_AVX512_TCMALLOC)).isEmpty();
        assertThat(ProcessTuning.tcmallocHint(Map.of("MALLOC_ARENA_MAX", "8"), LINUX_AVX512)).isEmpty();
    }

    @Test
    void aRunRecordsTheTuningVariablesItHad() {
        assertThat(ProcessTuning.inEffect(Map.of("PATH", "/bin", "MALLOC_ARENA_MAX", "2", "OPENBLAS_CORETYPE", "Zen",
                "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"))).containsExactly(entry("MALLOC_ARENA_MAX", "2"),
                entry("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"), entry("OPENBLAS_CORETYPE", "Zen"));
        assertThat(ProcessTuning.inEffect(Map.of("LD_PRELOAD", TCMALLOC.toString(), "HOME", "/root")))
                .containsExactly(entry("LD_PRELOAD", TCMALLOC.toString()));
    }

    @Test
    void onlyTcmallocOrTheRunnersOwnGlibcValuesCountAsATunedAllocator() {
        assertThat(ProcessTuning.tunedAllocator(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_THRESHOLD_", "4294967296",
                "MALLOC_TRIM_THRESHOLD_", "4294967296"))).contains("allocator tuned");
        assertThat(ProcessTuning.tunedAllocator(Map.of("LD_PRELOAD", "/usr/lib64/libtcmalloc.so.4")))
                .contains("tcmalloc");
        assertThat(ProcessTuning.tunedAllocator(Map.of("MALLOC_ARENA_MAX", "8"))).isEmpty();
        assertThat(ProcessTuning.tunedAllocator(Map.of("LD_PRELOAD", "/usr/lib/libjemalloc.so.2"))).isEmpty();
    }
}
