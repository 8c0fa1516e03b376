package dev.dl4jrunner.runs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runs of a runs directory as the table shows them: filtered, sorted, with the settings that tell them apart.
 *
 * @param differing the hyperparameters (see {@link Hyperparameters#LEARNING}) whose values differ among these runs
 */
public record RunsTable(List<RunRecord> runs, List<String> differing) {
    public RunsTable {
        runs = List.copyOf(runs);
        differing = List.copyOf(differing);
    }

    /** The runs that pass every filter, in {@code sort} order; filters' keys must be settings of some run. */
    public static RunsTable of(List<RunRecord> all, RunSort sort, List<RunFilter> filters) {
        List<String> keys = Hyperparameters.keys(all);
        List<RunFilter> resolved = filters.stream().map(filter -> filter.resolve(keys)).toList();
        List<RunRecord> runs = all.stream()
                .filter(run -> resolved.stream().allMatch(filter -> filter.test(run)))
                .sorted(sort.order())
                .toList();
        return new RunsTable(runs, Hyperparameters.differing(runs, Hyperparameters.LEARNING));
    }

    /** The run with the highest validation accuracy of any epoch. */
    public Optional<RunRecord> bestByValAccuracy() {
        return best(RunRecord::bestValAccuracy, Comparator.naturalOrder());
    }

    /** The run with the lowest validation loss of any epoch. */
    public Optional<RunRecord> bestByValLoss() {
        return best(RunRecord::bestValLoss, Comparator.reverseOrder());
    }

    private Optional<RunRecord> best(Function<RunRecord, Best> metric, Comparator<Double> better) {
        return runs.stream().filter(run -> metric.apply(run) != null)
                .max(Comparator.comparing(run -> metric.apply(run).value(), better));
    }
}
