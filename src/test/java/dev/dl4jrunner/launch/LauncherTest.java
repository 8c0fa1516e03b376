package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {
    @Test
    void commandsThatTrainOrRunANetworkGoToATunedJvm() {
        assertThat(Launcher.computes(new String[]{"experiments/vgg16-small.yaml", "--set", "training.epochs=1"}))
                .isTrue();
        assertThat(Launcher.computes(new String[]{"--runs-dir", "/tmp/r", "exp.yml"})).isTrue();
        for (String command : List.of("resume", "bench", "evaluate", "predict")) {
            assertThat(Launcher.computes(new String[]{command, "runs/x"})).as(command).isTrue();
        }
    }

    @Test
    void commandsThatOnlyReadRunsOrFilesStartNoSecondJvm() {
        for (String command : List.of("runs", "ui", "check-data")) {
            assertThat(Launcher.computes(new String[]{command, "experiments/vgg16-small.yaml"})).as(command).isFalse();
        }
        assertThat(Launcher.computes(new String[]{"experiments/vgg16-small.yaml", "--help"})).isFalse();
        assertThat(Launcher.computes(new String[]{"--version"})).isFalse();
        assertThat(Launcher.computes(new String[]{})).isFalse();
    }

    @Test
    void theChildRunsTheSameArgumentsWithThisJvmsOptionsAndClassPath() {
        assertThat(Launcher.childCommand("/usr/bin/java", List.of("-Xmx2g", "-Dx=y"), "target/runner.jar",
                new String[]{"bench", "exp.yaml", "--iterations", "3"}))
                .containsExactly("/usr/bin/java", "-Xmx2g", "-Dx=y", "-cp", "target/runner.jar",
                        "dev.dl4jrunner.cli.Main", "bench", "exp.yaml", "--iterations", "3");
    }

    @Test
    void aJvmUnderADebuggerRunsTheCommandItself() {
        assertThat(Launcher.underDebugger(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005")))
                .isTrue();
        assertThat(Launcher.underDebugger(List.of("-Xmx4g"))).isFalse();
    }
}
