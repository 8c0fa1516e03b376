package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuickCompilerTest {

    @Test
    void theChildCompilesWithC1OnlyBesideTheUsersOtherOptions() {
        assertThat(QuickCompiler.jvmOptions(List.of("-Xmx2g", "-Dx=y"))).containsExactly("-XX:TieredStopAtLevel=1");
    }

    @Test
    void aCompilationModeTheUserChoseIsLeftAlone() {
        for (String choice : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:+TieredCompilation",
                "-XX:CompilationMode=high-only", "-Xint", "-Xcomp")) {
            assertThat(QuickCompiler.jvmOptions(List.of("-Xmx2g", choice))).as(choice).isEmpty();
        }
    }
}
