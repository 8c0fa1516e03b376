package dev.dl4jrunner.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AllocatorTuningTest {
    @Test
    void anUntunedLinuxProcessIsToldWhatToExport() {
        assertThat(AllocatorTuning.advice(Map.of("HOME", "/root"), "Linux")).hasValueSatisfying(advice ->
                assertThat(advice).contains("export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 "
                        + "MALLOC_TRIM_THRESHOLD_=4294967296"));
    }

    @Test
    void aUsersOwnSettingOrAnotherSystemGetsNoAdvice() {
        assertThat(AllocatorTuning.advice(Map.of("MALLOC_ARENA_MAX", "4"), "Linux")).isEmpty();
        assertThat(AllocatorTuning.advice(Map.of(), "Mac OS X")).isEmpty();
    }
}
