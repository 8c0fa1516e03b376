package dev.dl4jrunner.train;

import dev.dl4jrunner.config.EarlyStoppingConfig;
import dev.dl4jrunner.config.StoppingMetric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EarlyStoppingTest {
    static EpochMetrics epoch(int n, double valLoss, double valAccuracy) {
        return new EpochMetrics(n, 0.5, 0.5, valLoss, valAccuracy, 0, 0, 0, 1e-4, 1, 1, 0);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutALowerValidationLoss() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingConfig(StoppingMetric.VAL_LOSS, 2, 0.01));

        assertThat(stopping.shouldStop(epoch(1, 0.70, 0.5))).isFalse();
        assertThat(stopping.shouldStop(epoch(2, 0.60, 0.6))).isFalse();
        assertThat(stopping.shouldStop(epoch(3, 0.595, 0.6))).as("better by less than min_delta").isFalse();
        assertThat(stopping.shouldStop(epoch(4, 0.65, 0.6))).isTrue();
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping stopping = new EarlyStopping(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 2, 0));

        assertThat(stopping.shouldStop(epoch(1, 0.7, 0.50))).isFalse();
        assertThat(stopping.shouldStop(epoch(2, 0.7, 0.50))).isFalse();
        assertThat(stopping.shouldStop(epoch(3, 0.7, 0.55))).isFalse();
        assertThat(stopping.shouldStop(epoch(4, 0.7, 0.54))).isFalse();
        assertThat(stopping.shouldStop(epoch(5, 0.7, 0.55))).isTrue();
    }

    @Test
    void aResumedRunKeepsCountingPatienceFromWhereItStopped() {
        EarlyStoppingConfig config = new EarlyStoppingConfig(StoppingMetric.VAL_LOSS, 3, 0);
        List<EpochMetrics> before = List.of(epoch(1, 0.6, 0.5), epoch(2, 0.5, 0.6), epoch(3, 0.55, 0.6),
                epoch(4, 0.56, 0.6));
        EarlyStopping resumed = new EarlyStopping(config);

        assertThat(resumed.replay(before)).isFalse();
        assertThat(resumed.shouldStop(epoch(5, 0.57, 0.6))).as("third epoch without improvement").isTrue();
        assertThat(new EarlyStopping(config).replay(List.of(epoch(1, 0.5, 0.6), epoch(2, 0.6, 0.6),
                epoch(3, 0.6, 0.6), epoch(4, 0.6, 0.6)))).as("had already stopped").isTrue();
    }

    @Test
    void theBestEpochFollowsItsMetric() {
        BestEpoch byAccuracy = new BestEpoch(StoppingMetric.VAL_ACCURACY, 0);
        BestEpoch byLoss = new BestEpoch(StoppingMetric.VAL_LOSS, 0);
        for (EpochMetrics e : new EpochMetrics[] {epoch(1, 0.6, 0.7), epoch(2, 0.5, 0.65), epoch(3, 0.55, 0.72)}) {
            byAccuracy.offer(e);
            byLoss.offer(e);
        }
        assertThat(byAccuracy.best().epoch()).isEqualTo(3);
        assertThat(byLoss.best().epoch()).isEqualTo(2);
    }
}
