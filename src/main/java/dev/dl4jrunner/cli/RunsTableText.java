package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.RunRecord;
import dev.dl4jrunner.runs.RunsTable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code runner runs} for people: the table, which run won, and the notes on runs that could not be fully read. */
final class RunsTableText {
    private RunsTableText() {
    }

    static String render(RunsTable table) {
        List<String> columns = columnTitles(table.differing());
        List<String> header = new ArrayList<>(List.of("RUN", "STARTED", "STATUS", "EPOCHS", "BEST VAL_ACC",
                "BEST VAL_LOSS", "WALL", "DATA WAIT", "OVERFIT"));
        List<Boolean> right = new ArrayList<>(List.of(false, false, false, true, true, true, true, true, false));
        header.addAll(columns);
        table.differing().forEach(key -> right.add(false));
        TextTable text = new TextTable(header, right);
        for (RunRecord run : table.runs()) {
            List<String> row = new ArrayList<>(List.of(run.id(), RunText.time(run.startedAt()), run.status().label(),
                    RunText.epochs(run.epochsCompleted(), run.epochsPlanned()), RunText.best(run.bestValAccuracy()),
                    RunText.best(run.bestValLoss()), RunText.duration(run.wallSeconds()),
                    run.dataWaitShare() == null ? RunText.NONE
                            : String.format(Locale.ROOT, "%.0f%%", 100 * run.dataWaitShare()),
                    run.overfittingAfter() == null ? RunText.NONE : "after " + run.overfittingAfter()));
            table.differing().forEach(key -> row.add(run.setting(key).orElse(RunText.NONE)));
            text.add(row);
        }
        StringBuilder out = new StringBuilder(text.render());
        table.bestByValAccuracy().ifPresent(run -> out.append(String.format(Locale.ROOT,
                "%nBest val_accuracy: %.4f, %s (epoch %d)%n", run.bestValAccuracy().value(), run.id(),
                run.bestValAccuracy().epoch())));
        table.bestByValLoss().ifPresent(run -> out.append(String.format(Locale.ROOT,
                "Best val_loss:     %.4f, %s (epoch %d)%n", run.bestValLoss().value(), run.id(),
                run.bestValLoss().epoch())));
        List<RunRecord> noted = table.runs().stream().filter(run -> !run.notes().isEmpty()).toList();
        if (!noted.isEmpty()) {
            out.append("\nNotes:\n");
            noted.forEach(run -> run.notes().forEach(note -> out.append("  ").append(run.id()).append(": ")
                    .append(note).append('\n')));
        }
        return out.toString();
    }

    /** Each setting's last key part, or the full key where two settings share it. */
    private static List<String> columnTitles(List<String> keys) {
        Set<String> seen = new HashSet<>();
        Set<String> shared = new HashSet<>();
        keys.forEach(key -> {
            if (!seen.add(RunText.shortKey(key))) {
                shared.add(RunText.shortKey(key));
            }
        });
        return keys.stream().map(key -> shared.contains(RunText.shortKey(key)) ? key : RunText.shortKey(key)).toList();
    }
}
