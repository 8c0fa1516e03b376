package dev.dl4jrunner.runs;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverfittingTest {
    @Test
    void validationRisingWhileTrainingFallsIsOverfitting() {
        assertThat(Overfitting.after(curves(new double[] {.9, .7, .5, .4, .3, .2},
                new double[] {.8, .6, .5, .55, .6, .7}))).contains(3);
    }

    @Test
    void noisyButRisingValidationStillCounts() {
        assertThat(Overfitting.after(curves(new double[] {.9, .7, .5, .4, .3, .2, .15},
                new double[] {.8, .6, .5, .58, .56, .65, .63}))).contains(3);
    }

    @Test
    void aRunStillImprovingOrTooCloseToItsBestIsNot() {
        assertThat(Overfitting.after(curves(new double[] {.9, .7, .5, .4}, new double[] {.8, .6, .5, .45}))).isEmpty();
        assertThat(Overfitting.after(curves(new double[] {.9, .7, .5, .4}, new double[] {.8, .6, .5, .55})))
                .as("one epoch after the best is noise").isEmpty();
        assertThat(Overfitting.after(List.of())).isEmpty();
    }

    @Test
    void bothLossesRisingIsDivergenceNotOverfitting() {
        assertThat(Overfitting.after(curves(new double[] {.9, .7, .8, .9, 1.2}, new double[] {.8, .6, .7, .9, 1.1})))
                .isEmpty();
    }

    private static List<EpochRow> curves(double[] train, double[] validation) {
        List<EpochRow> rows = new ArrayList<>();
        for (int i = 0; i < train.length; i++) {
            rows.add(new EpochRow(i + 1, train[i], null, validation[i], null, null, null, null, null, null, null));
        }
        return rows;
    }
}
