package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.runs.RunsFixture;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner runs} and {@code runner runs compare} on the golden runs directory. */
class RunsCommandTest {
    private static final String DIR = RunsFixture.SOURCE.toString();

    @Test
    void theTableShowsEveryRunTheWinnerAndTheNotes() {
        CliRun run = CliRun.of("runs", "--runs-dir", DIR);
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("RUN").contains("STATUS", "BEST VAL_ACC", "BEST VAL_LOSS", "DATA WAIT", "OVERFIT")
                .endsWith("learning_rate");
        assertThat(lines[1]).startsWith(RunsFixture.LR_1E3).contains("completed", "8/8", "0.7379 @3", "0.4981 @3",
                "after 3", "0.001");
        assertThat(lines[2]).as("data wait share").contains(" 1% ");
        assertThat(lines[4]).startsWith(RunsFixture.KILLED).contains("killed", "2/8");
        assertThat(lines[5]).startsWith(RunsFixture.DAMAGED).contains("unknown", "3/?");
        assertThat(run.out()).contains("Best val_accuracy: 0.8337, " + RunsFixture.LR_1E4 + " (epoch 8)")
                .contains(RunsFixture.DAMAGED + ": config.yaml missing");
    }

    @Test
    void csvAndJsonAreForScripts() throws IOException {
        CliRun csv = CliRun.of("runs", "--runs-dir", DIR, "--sort", "val_accuracy", "--filter", "status=completed",
                "--format", "csv");
        assertThat(csv.out().split("\n")).hasSize(4);
        assertThat(csv.out()).startsWith("run_id,started_at,status,epochs_completed,epochs_planned,best_val_accuracy,"
                + "best_val_accuracy_epoch,best_val_loss,best_val_loss_epoch,wall_seconds,data_wait_share,overfitting_after,"
                + "optimizer.learning_rate,notes\n" + RunsFixture.LR_1E4 + ",2026-11-28T11:00:00Z,completed,8,8,0.833689,8,")
                .contains(",2283.0,0.0120,,1e-4,");

        CliRun json = CliRun.of("runs", "--runs-dir", DIR, "--format", "json");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("differing").toString()).isEqualTo("[\"optimizer.learning_rate\"]");
        assertThat(tree.get("runs")).hasSize(5);
        JsonNode first = tree.get("runs").get(0);
        assertThat(first.get("id").asText()).isEqualTo(RunsFixture.LR_1E3);
        assertThat(first.get("best_val_loss").get("epoch").asInt()).isEqualTo(3);
        assertThat(first.get("overfitting_after").asInt()).isEqualTo(3);
        assertThat(first.get("epochs")).hasSize(8);
        assertThat(first.has("path")).as("no absolute paths").isFalse();
        assertThat(tree.get("runs").get(4).get("notes")).hasSize(3);
    }

    @Test
    void compareShowsDifferencesAndCurvesSideBySide() {
        CliRun run = CliRun.of("runs", "compare", "--runs-dir", DIR, "10-00-00", RunsFixture.LR_1E4,
                RunsFixture.SOURCE.resolve(RunsFixture.LR_1E5).toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Config differences\nkey                      A      B     C\n"
                + "optimizer.learning_rate  0.001  1e-4  1e-5\n");
        assertThat(run.out()).containsPattern("\\n3 +0\\.2670 +0\\.4981\\* +0\\.7379 ");
        assertThat(run.out()).contains("overfitting after  epoch 3");
    }

    @Test
    void reportWritesAReportIntoEveryRunNotBeingTrained(@TempDir Path temp) throws IOException {
        Path runs = RunsFixture.copyTo(temp.resolve("runs"));
        try (RunLock ignored = RunLock.tryAcquire(new RunDirectory(runs.resolve(RunsFixture.KILLED))).orElseThrow()) {
            CliRun run = CliRun.of("runs", "report", "--runs-dir", runs.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Skipped " + RunsFixture.KILLED + ": it is being trained");
        }
        assertThat(runs.resolve(RunsFixture.LR_1E3).resolve("report.html")).isNotEmptyFile();
        assertThat(runs.resolve(RunsFixture.DAMAGED).resolve("report.html")).isNotEmptyFile();
        assertThat(runs.resolve(RunsFixture.KILLED).resolve("report.html")).doesNotExist();
        CliRun one = CliRun.of("runs", "report", "--runs-dir", runs.toString(), "13-00-00");
        assertThat(one.out()).isEqualTo("Wrote " + runs.resolve(RunsFixture.KILLED).resolve("report.html") + "\n");
    }

    @Test
    void badInputEndsWithAMessageAndTheRightCode() {
        CliRun unknownKey = CliRun.of("runs", "--runs-dir", DIR, "--filter", "lr=1e-4");
        assertThat(unknownKey.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknownKey.err()).startsWith("No setting 'lr'").doesNotContain("Exception");
        CliRun badSort = CliRun.of("runs", "--runs-dir", DIR, "--sort", "accuracy");
        assertThat(badSort.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(badSort.err()).contains("date, val_accuracy, val_loss");
        CliRun noDir = CliRun.of("runs", "--runs-dir", DIR + "/nope");
        assertThat(noDir.exitCode()).isEqualTo(ExitCode.MISSING_RUN);
        CliRun ambiguous = CliRun.of("runs", "compare", "--runs-dir", DIR, "vgg16-small");
        assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ambiguous.err()).contains("matches 5 runs");
        CliRun missing = CliRun.of("runs", "compare", "--runs-dir", DIR, "lr1e-9");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.MISSING_RUN);
    }
}
