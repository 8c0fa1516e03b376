package dev.dl4jrunner.runs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which settings tell runs apart. */
public final class Hyperparameters {
    /** The run's name is in its id already, and checkpoint settings never change what a run learns. */
    public static final Predicate<String> LEARNING = key -> !key.equals("name") && !key.startsWith("checkpoints.");

    private Hyperparameters() {
    }

    /**
     * The keys, in config order, whose values are not the same in every run with a readable config; a key only some
     * configs have counts as differing. Runs without a config take no part.
     */
    public static List<String> differing(List<RunRecord> runs, Predicate<String> keys) {
        List<RunRecord> configured = runs.stream().filter(run -> !run.config().isEmpty()).toList();
        if (configured.size() < 2) {
            return List.of();
        }
        Set<String> all = new LinkedHashSet<>();
        configured.forEach(run -> all.addAll(orderedKeys(run)));
        List<String> differing = new ArrayList<>();
        for (String key : all) {
            String first = configured.get(0).config().get(key);
            if (keys.test(key) && configured.stream().anyMatch(run -> !SettingValues.same(first, run.config().get(key)))) {
                differing.add(key);
            }
        }
        return differing;
    }

    /** Every key any run has, in config order. */
    public static List<String> keys(List<RunRecord> runs) {
        Set<String> all = new LinkedHashSet<>();
        runs.forEach(run -> all.addAll(orderedKeys(run)));
        return List.copyOf(all);
    }

    private static List<String> orderedKeys(RunRecord run) {
        return List.copyOf(run.config().keySet());
    }
}
