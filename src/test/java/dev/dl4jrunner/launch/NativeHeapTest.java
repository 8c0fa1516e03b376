package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NativeHeapTest {
    @Test
    void theHeapSpansAllItsMappingsWhereHugePagesSplitIt() {
        List<String> maps = List.of(
                "563ab5a00000-563ab5a01000 r--p 00000000 08:01 1234                       /usr/bin/java",
                "563ab6acb000-563ab6ccb000 rw-p 00000000 00:00 0                          [heap]",
                "563ab6ccb000-563ab6e00000 rw-p 00000000 00:00 0                          [heap]",
                "563ab6e00000-563b1a400000 rw-p 00000000 00:00 0                          [heap]",
                "7f0000000000-7f0000100000 rw-p 00000000 00:00 0 ");

        assertThat(NativeHeap.extent(maps)).hasValue(0x563b1a400000L - 0x563ab6acb000L);
        assertThat(NativeHeap.extent(maps.subList(0, 1))).isEmpty();
    }

    @Test
    void onlyTheLaunchersAllocatorSettingsKeepFreedBlocks() {
        assertThat(NativeHeap.keptWhenFreed(ProcessTuning.ALLOCATOR)).isEqualTo(4294967296L);
        assertThat(NativeHeap.keptWhenFreed(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_THRESHOLD_", "1073741824",
                "MALLOC_TRIM_THRESHOLD_", "4294967296"))).isEqualTo(1073741824L);
        assertThat(NativeHeap.keptWhenFreed(Map.of("MALLOC_ARENA_MAX", "8", "MALLOC_MMAP_THRESHOLD_", "4294967296",
                "MALLOC_TRIM_THRESHOLD_", "4294967296"))).as("several arenas").isZero();
        assertThat(NativeHeap.keptWhenFreed(Map.of("MALLOC_ARENA_MAX", "1"))).as("glibc's thresholds").isZero();
        assertThat(NativeHeap.keptWhenFreed(Map.of())).isZero();
    }

    @Test
    void tcmallocKeepsEveryFreedBlockOnlyWhenItReleasesNothing() {
        Map<String, String> launched = ProcessTuning.missing(Map.of(), new Machine("Linux", Set.of(), "madvise",
                Optional.of(Path.of("/usr/lib64/libtcmalloc_minimal.so.4"))));
        assertThat(NativeHeap.keptWhenFreed(launched)).isEqualTo(Long.MAX_VALUE);
        assertThat(NativeHeap.keptWhenFreed(Map.of("LD_PRELOAD", "/usr/lib64/libtcmalloc_minimal.so.4")))
                .as("tcmalloc's own release rate").isZero();
        assertThat(NativeHeap.keptWhenFreed(Map.of("LD_PRELOAD", "/usr/lib64/libtcmalloc.so.4",
                "TCMALLOC_RELEASE_RATE", "0", "MALLOC_ARENA_MAX", "1"))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void availableMemoryComesFromMeminfo() {
        assertThat(NativeHeap.available(List.of("MemTotal:       24683756 kB", "MemFree:        23007460 kB",
                "MemAvailable:   24164340 kB"))).hasValue(24164340L * 1024);
        assertThat(NativeHeap.available(List.of("MemTotal:       24683756 kB"))).isEmpty();
    }
}
