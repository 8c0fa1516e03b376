package dev.dl4jrunner.cli;

import dev.dl4jrunner.cli.InterruptSignals.Reaction;
import dev.dl4jrunner.train.StopRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptSignalsTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstSignalStopsAfterTheBatchAndTheSecondAtOnce() {
        InterruptSignals signals = new InterruptSignals(new StopRequest(), Duration.ZERO);
        assertThat(signals.react("INT", 0)).isEqualTo(Reaction.STOP_AFTER_BATCH);
        assertThat(signals.react("INT", 5 * MS)).isEqualTo(Reaction.STOP_AT_ONCE);
    }

    @Test
    void underTheLauncherOneCtrlCDeliveredToBothProcessesCountsOnce() {
        InterruptSignals signals = new InterruptSignals(new StopRequest(), Duration.ofSeconds(1));
        assertThat(signals.react("INT", 0)).isEqualTo(Reaction.STOP_AFTER_BATCH);
        assertThat(signals.react("INT", 40 * MS)).as("the launcher's forwarded copy")
                .isEqualTo(Reaction.ALREADY_COUNTED);
        assertThat(signals.react("INT", 3000 * MS)).as("the user's second Ctrl-C").isEqualTo(Reaction.STOP_AT_ONCE);
    }

    @Test
    void underTheLauncherADifferentSignalIsNeverTakenForACopy() {
        InterruptSignals signals = new InterruptSignals(new StopRequest(), Duration.ofSeconds(1));
        assertThat(signals.react("TERM", 0)).isEqualTo(Reaction.STOP_AFTER_BATCH);
        assertThat(signals.react("INT", 100 * MS)).isEqualTo(Reaction.STOP_AT_ONCE);
    }
}
