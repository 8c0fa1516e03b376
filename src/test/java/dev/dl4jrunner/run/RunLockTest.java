package dev.dl4jrunner.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunLockTest {
    @TempDir
    Path temp;

    @Test
    void aRunCanBeLockedByOneHolderAtATimeAndIsFreeAgainAfterwards() throws IOException {
        RunDirectory run = new RunDirectory(Files.createDirectory(temp.resolve("run")));
        assertThat(RunLock.isHeld(run)).isFalse();

        try (RunLock lock = RunLock.tryAcquire(run).orElseThrow()) {
            assertThat(RunLock.isHeld(run)).isTrue();
            assertThat(RunLock.tryAcquire(run)).as("a second holder").isEmpty();
            assertThat(RunLock.holder(run)).contains(Long.toString(ProcessHandle.current().pid()));
        }

        assertThat(RunLock.isHeld(run)).isFalse();
        assertThat(RunLock.tryAcquire(run)).isPresent().get().satisfies(lock -> lock.close());
    }
}
