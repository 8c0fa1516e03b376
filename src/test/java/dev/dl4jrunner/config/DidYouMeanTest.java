package dev.dl4jrunner.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {
    @Test
    void distanceCountsEdits() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("Epochs", "epochs")).isZero();
    }

    @Test
    void suggestsAllClosestNamesInTheirOrder() {
        assertThat(DidYouMean.suggest("bet", List.of("beta1", "beta2", "rho")))
                .isEqualTo(" Did you mean: 'beta1', 'beta2'?");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(DidYouMean.suggest("lr", List.of("learning_rate", "rho"))).isEmpty();
        assertThat(DidYouMean.suggest("anything", List.of())).isEmpty();
    }
}
