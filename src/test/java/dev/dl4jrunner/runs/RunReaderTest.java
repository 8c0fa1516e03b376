package dev.dl4jrunner.runs;

import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunReaderTest {
    @TempDir
    Path temp;

    @Test
    void aCompletedRunReadsFully() {
        RunRecord run = RunReader.read(RunsFixture.SOURCE.resolve(RunsFixture.LR_1E3));
        assertThat(run.id()).isEqualTo(RunsFixture.LR_1E3);
        assertThat(run.status()).isEqualTo(RunState.COMPLETED);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(run.epochsCompleted()).isEqualTo(8);
        assertThat(run.epochsPlanned()).isEqualTo(8);
        assertThat(run.epochs()).hasSize(8);
        assertThat(run.bestValAccuracy().epoch()).isEqualTo(3);
        assertThat(run.bestValAccuracy().value()).isCloseTo(0.737875, within(1e-9));
        assertThat(run.bestValLoss()).isEqualTo(new Best(0.498075, 3));
        assertThat(run.wallSeconds()).isCloseTo(2285.3, within(0.1));
        assertThat(run.overfittingAfter()).isEqualTo(3);
        assertThat(run.setting("optimizer.learning_rate")).contains("0.001");
        assertThat(run.setting("model.dense")).contains("[100, 100]");
        assertThat(run.notes()).isEmpty();
    }

    @Test
    void aRunningSummaryWithoutALiveProcessIsAKilledRun() {
        RunRecord run = RunReader.read(RunsFixture.SOURCE.resolve(RunsFixture.KILLED));
        assertThat(run.status()).isEqualTo(RunState.KILLED);
        assertThat(run.epochsCompleted()).isEqualTo(2);
        assertThat(run.wallSeconds()).as("the finished epochs' time").isCloseTo(
                run.epochs().stream().mapToDouble(EpochRow::seconds).sum(), within(1e-9));
        assertThat(run.notes()).singleElement().asString().contains("killed").contains("runner resume");
    }

    @Test
    void aRunWhoseLockIsHeldIsRunning() throws IOException {
        Path runs = RunsFixture.copyTo(temp.resolve("runs"));
        RunDirectory killed = new RunDirectory(runs.resolve(RunsFixture.KILLED));
        try (RunLock ignored = RunLock.tryAcquire(killed).orElseThrow()) {
            RunRecord run = RunReader.read(killed.path());
            assertThat(run.status()).isEqualTo(RunState.RUNNING);
            assertThat(run.notes()).isEmpty();
        }
    }

    @Test
    void aDamagedRunGivesWhatCanBeReadAndNotes() {
        RunRecord run = RunReader.read(RunsFixture.SOURCE.resolve(RunsFixture.DAMAGED));
        assertThat(run.status()).isEqualTo(RunState.UNKNOWN);
        assertThat(run.config()).isEmpty();
        assertThat(run.startedAt()).as("from provenance.json").isEqualTo(Instant.parse("2026-11-28T14:00:00Z"));
        assertThat(run.epochs()).extracting(EpochRow::epoch).containsExactly(1, 2, 3);
        assertThat(run.epochsPlanned()).isNull();
        assertThat(run.notes()).containsExactly(
                "config.yaml missing",
                "summary.json is damaged: Unexpected end-of-input in field name",
                "metrics.csv: line 3 does not read as an epoch; left out");
    }

    @Test
    void anyFileMayBeMissingOrGarbage() throws IOException {
        Path runs = RunsFixture.copyTo(temp.resolve("runs"));
        Path run = runs.resolve(RunsFixture.LR_1E4);
        Files.write(run.resolve("config.yaml"), new byte[] {(byte) 0xff, 0, 1, 2, '{', '['});
        Files.writeString(run.resolve("provenance.json"), "[]");
        Files.writeString(run.resolve("summary.json"), "{\"status\": \"exploded\"}");
        Files.writeString(run.resolve("metrics.csv"), "no,header,here\n1,2,3\n");
        RunRecord record = RunReader.read(run);
        assertThat(record.status()).isEqualTo(RunState.UNKNOWN);
        assertThat(record.epochs()).isEmpty();
        assertThat(record.startedAt()).as("from the directory name").isNotNull();
        assertThat(record.notes()).hasSize(4).allSatisfy(note -> assertThat(note).doesNotContain("\n"));

        Path empty = Files.createDirectory(runs.resolve("2026-11-29_09-00-00_empty"));
        assertThat(RunReader.read(empty).notes()).singleElement().asString().contains("training never started");
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws IOException {
        Path runs = RunsFixture.copyTo(temp.resolve("runs"));
        Path run = runs.resolve(RunsFixture.LR_1E4);
        Path secret = Files.writeString(temp.resolve("secret.yaml"), "password: hunter2\n");
        Files.delete(run.resolve("config.yaml"));
        Files.createSymbolicLink(run.resolve("config.yaml"), secret);
        RunRecord record = RunReader.read(run);
        assertThat(record.config()).isEmpty();
        assertThat(record.notes()).contains("config.yaml is a symbolic link; not followed");

        Files.createSymbolicLink(runs.resolve("2026-11-29_10-00-00_elsewhere"), run);
        assertThat(new RunsFolder(runs).runs()).extracting(p -> p.getFileName().toString())
                .doesNotContain("2026-11-29_10-00-00_elsewhere");
        assertThat(new RunsFolder(runs).run("2026-11-29_10-00-00_elsewhere")).isEmpty();
    }

    @Test
    void aRunsFolderListsRunDirectoriesOnlyAndNamesRunsSafely() throws IOException {
        Path runs = RunsFixture.copyTo(temp.resolve("runs"));
        Files.createDirectory(runs.resolve("notes"));
        Files.createDirectory(runs.resolve(".hidden"));
        Files.writeString(runs.resolve(".ui"), "http://127.0.0.1:9000\n");
        RunsFolder folder = new RunsFolder(runs);
        assertThat(folder.runs()).extracting(p -> p.getFileName().toString()).containsExactly(
                RunsFixture.LR_1E3, RunsFixture.LR_1E4, RunsFixture.LR_1E5, RunsFixture.KILLED, RunsFixture.DAMAGED);
        for (String hostile : List.of("..", "../runs/" + RunsFixture.LR_1E4, "/etc", ".hidden", "notes",
                RunsFixture.LR_1E4 + "/..", "", "%2e%2e")) {
            assertThat(folder.run(hostile)).as(hostile).isEmpty();
        }
        assertThat(folder.run(RunsFixture.LR_1E4)).contains(runs.resolve(RunsFixture.LR_1E4).toAbsolutePath());
    }
}
