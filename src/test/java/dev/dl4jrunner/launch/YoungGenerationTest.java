package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YoungGenerationTest {

    @Test
    void theChildGetsASmallYoungGenerationBesideTheUsersOtherOptions() {
        assertThat(YoungGeneration.jvmOptions(List.of("-Xmx2g", "-Dx=y"))).containsExactly("-XX:MaxNewSize=16m");
    }

    @Test
    void aYoungGenerationTheUserSizedIsLeftAlone() {
        for (String choice : List.of("-Xmn512m", "-XX:MaxNewSize=1g", "-XX:NewSize=256m", "-XX:NewRatio=1",
                "-XX:G1MaxNewSizePercent=30")) {
            assertThat(YoungGeneration.jvmOptions(List.of("-Xmx2g", choice))).as(choice).isEmpty();
        }
    }
}
