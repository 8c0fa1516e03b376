package dev.dl4jrunner.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirectoryTest {
    @TempDir
    Path runs;

    @Test
    void runsStartedInTheSameSecondGetDistinctDirectories() throws Exception {
        LocalDateTime second = LocalDateTime.of(2026, 11, 28, 9, 5, 7);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<RunDirectory>> starts = IntStream.range(0, 4)
                    .<Callable<RunDirectory>>mapToObj(i -> () -> RunDirectory.create(runs, "sweep", second))
                    .toList();
            List<String> ids = pool.invokeAll(starts).stream().map(RunDirectoryTest::get).map(RunDirectory::id)
                    .toList();
            assertThat(ids).containsExactlyInAnyOrder("2026-11-28_09-05-07_sweep", "2026-11-28_09-05-07_sweep-2",
                    "2026-11-28_09-05-07_sweep-3", "2026-11-28_09-05-07_sweep-4");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theRunsDirectoryIsCreatedWhenMissing() throws Exception {
        RunDirectory run = RunDirectory.create(runs.resolve("not/yet"), "x", LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        assertThat(run.path()).isDirectory().hasFileName("2026-01-02_03-04-05_x");
    }

    private static RunDirectory get(Future<RunDirectory> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
