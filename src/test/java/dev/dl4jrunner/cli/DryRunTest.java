package dev.dl4jrunner.cli;

import dev.dl4jrunner.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {
    @TempDir
    Path temp;

    @Test
    void dryRunPrintsTheResolvedConfigDataAndModelSummaryAndWritesNothing() throws Exception {
        Path runs = temp.resolve("runs");

        CliRun run = CliRun.of("experiments/vgg16-walkthrough.yaml", "--dry-run", "--runs-dir", runs.toString(),
                "--set", "data.dir=" + SharedData.trainDir(), "--set", "input.shape=[32, 32, 3]");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("learning_rate: 1e-5")
                .contains("dir: " + SharedData.trainDir())
                .contains("Data: 2 classes (cat, dog), 3200 training and 800 validation images")
                .contains("oneDNN helpers on")
                .containsPattern("fe4_conv3 +ConvolutionLayer +512x2x2 +2,359,808")
                .containsPattern("fc1 +DenseLayer +100 +10,100")
                .containsPattern("Total parameters +14,776,189")
                .endsWith("Dry run: the experiment is valid; nothing was trained or written.\n");
        assertThat(runs).doesNotExist();
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: runner").contains("--set=KEY=VALUE").contains("--dry-run")
                .contains("check-data");
        assertThat(CliRun.of("check-data", "--help").out()).startsWith("Usage: runner check-data")
                .contains("EXPERIMENT").contains("--set=KEY=VALUE");

        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("Deeplearning4j 1.0.0-M2.1");
    }

    @Test
    void anUnknownFlagIsABadCommandLine() {
        CliRun run = CliRun.of("experiments/smoke.yaml", "--epochs", "3");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("Unknown options: '--epochs', '3'");
    }
}
