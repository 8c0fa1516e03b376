package dev.dl4jrunner.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoopOverheadTest {
    @Test
    void theOverheadComparesTheMeansOfThePairedFits() {
        LoopOverhead.Result result = new LoopOverhead.Result(List.of(1.0, 1.2, 0.8), List.of(1.1, 1.2, 0.9, 1.2),
                0.5);

        assertThat(result.listenerShare()).isCloseTo(1.1 / 1.0 - 1, within(1e-12));
        assertThat(result.checkpointShare(50)).as("one checkpoint per epoch of 50 bare fits")
                .isCloseTo(0.5 / 50.0, within(1e-12));
    }
}
