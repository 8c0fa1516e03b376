package dev.dl4jrunner.runs;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/** The orders of the runs table: best first for a metric, oldest first by date; runs without the value last. */
public enum RunSort {
    DATE(Comparator.comparing(RunRecord::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))),
    VAL_ACCURACY(byBest(RunRecord::bestValAccuracy, Comparator.reverseOrder())),
    VAL_LOSS(byBest(RunRecord::bestValLoss, Comparator.naturalOrder()));

    private final Comparator<RunRecord> order;

    RunSort(Comparator<RunRecord> order) {
        this.order = order.thenComparing(RunRecord::id);
    }

    public Comparator<RunRecord> order() {
        return order;
    }

    private static Comparator<RunRecord> byBest(Function<RunRecord, Best> best, Comparator<Double> values) {
        return Comparator.comparing(run -> best.apply(run) == null ? null : best.apply(run).value(),
                Comparator.nullsLast(values));
    }
}
