package dev.dl4jrunner.runs;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The epoch after which a run overfits: the epoch of its lowest validation loss, when at least two epochs followed
 * it, validation loss trended up over them (least-squares slope from that epoch to the last) and training loss
 * trended down. Noisy curves are common, so trends are judged, not single steps; a run still improving, or one
 * whose training loss rose as well (a learning rate too high), is not overfitting.
 */
public final class Overfitting {
    /** Fewer epochs after the best cannot tell a trend from noise. */
    static final int MIN_EPOCHS_AFTER = 2;

    private Overfitting() {
    }

    public static Optional<Integer> after(List<EpochRow> epochs) {
        List<EpochRow> usable = epochs.stream().filter(e -> e.valLoss() != null && e.trainLoss() != null).toList();
        int best = 0;
        for (int i = 1; i < usable.size(); i++) {
            if (usable.get(i).valLoss() < usable.get(best).valLoss()) {
                best = i;
            }
        }
        List<EpochRow> since = usable.subList(Math.min(best, usable.size()), usable.size());
        if (since.size() < MIN_EPOCHS_AFTER + 1) {
            return Optional.empty();
        }
        boolean validationRises = slope(since, EpochRow::valLoss) > 0;
        boolean trainingFalls = slope(since, EpochRow::trainLoss) < 0;
        return validationRises && trainingFalls ? Optional.of(since.get(0).epoch()) : Optional.empty();
    }

    private static double slope(List<EpochRow> rows, Function<EpochRow, Double> metric) {
        double n = rows.size();
        double meanX = rows.stream().mapToDouble(EpochRow::epoch).average().orElse(0);
        double meanY = rows.stream().mapToDouble(metric::apply).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (EpochRow row : rows) {
            covariance += (row.epoch() - meanX) * (metric.apply(row) - meanY);
            variance += (row.epoch() - meanX) * (row.epoch() - meanX);
        }
        return n < 2 || variance == 0 ? 0 : covariance / variance;
    }
}
