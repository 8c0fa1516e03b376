package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ProcessTuningTest {
    private static final Set<String> AVX512 = Set.of("sse4_2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq",
            "avx512vl");
    private static final Set<String> AVX2 = Set.of("sse4_2", "avx2", "fma");

    @Test
    void anUntunedLinuxProcessOnAnAvx512CpuLacksTheAllocatorSettingsAndOpenBlasKernels() {
        assertThat(ProcessTuning.missing(Map.of("HOME", "/root"), "Linux", AVX512)).containsExactly(
                entry("MALLOC_ARENA_MAX", "1"), entry("MALLOC_MMAP_THRESHOLD_", "4294967296"),
                entry("MALLOC_TRIM_THRESHOLD_", "4294967296"), entry("OPENBLAS_CORETYPE", "SkylakeX"));
    }

    @Test
    void openBlasChoosesItsOwnKernelsOnACpuWithoutAvx512() {
        assertThat(ProcessTuning.missing(Map.of(), "Linux", AVX2)).doesNotContainKey("OPENBLAS_CORETYPE")
                .containsKey("MALLOC_ARENA_MAX");
    }

    @Test
    void aUsersOwnSettingsAreKeptAndAnotherSystemGetsNothing() {
        assertThat(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "4", "OPENBLAS_CORETYPE", "Haswell"), "Linux",
                AVX512)).isEmpty();
        assertThat(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "4"), "Linux", AVX512))
                .containsOnlyKeys("OPENBLAS_CORETYPE");
        assertThat(ProcessTuning.missing(Map.of(), "Mac OS X", AVX512)).isEmpty();
    }

    @Test
    void onlyAProcessWithoutTheAllocatorSettingsIsAdvisedToExportThem() {
        assertThat(ProcessTuning.advice(ProcessTuning.missing(Map.of(), "Linux", AVX2))).hasValueSatisfying(advice ->
                assertThat(advice).contains("export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 "
                        + "MALLOC_TRIM_THRESHOLD_=4294967296").contains("java -jar runner.jar"));
        assertThat(ProcessTuning.advice(ProcessTuning.missing(Map.of("MALLOC_ARENA_MAX", "2"), "Linux", AVX512)))
                .isEmpty();
    }

    @Test
    void aRunRecordsTheTuningVariablesItHad() {
        assertThat(ProcessTuning.inEffect(Map.of("PATH", "/bin", "MALLOC_ARENA_MAX", "2", "OPENBLAS_CORETYPE", "Zen")))
                .containsExactly(entry("MALLOC_ARENA_MAX", "2"), entry("OPENBLAS_CORETYPE", "Zen"));
    }

    @Test
    void onlyTheRunnersOwnValuesCountAsATunedAllocator() {
        assertThat(ProcessTuning.allocatorTuned(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_THRESHOLD_", "4294967296",
                "MALLOC_TRIM_THRESHOLD_", "4294967296"))).isTrue();
        assertThat(ProcessTuning.allocatorTuned(Map.of("MALLOC_ARENA_MAX", "8"))).isFalse();
    }

    @Test
    void cpuFlagsComeFromCpuinfo(@TempDir Path temp) throws IOException {
        Path cpuinfo = Files.writeString(temp.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                + "flags\t\t: fpu sse4_2 avx2 avx512f\nbogomips\t: 4800\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        assertThat(ProcessTuning.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "sse4_2", "avx2", "avx512f");
        assertThat(ProcessTuning.cpuFlags(temp.resolve("missing"))).isEmpty();
    }
}
