package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.EpochRow;
import dev.dl4jrunner.runs.Hyperparameters;
import dev.dl4jrunner.runs.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code runner runs compare} for people: the runs side by side, labelled A, B, C..., their config differences, and
 * one line per epoch with each run's training loss, validation loss and validation accuracy. A star marks each run's
 * best epoch by validation loss.
 */
final class RunComparisonText {
    private RunComparisonText() {
    }

    static String render(List<RunRecord> runs) {
        StringBuilder out = new StringBuilder();
        TextTable overview = new TextTable(header(runs, ""), aligned(runs.size() + 1, false));
        overview.add(row("run", runs, RunRecord::id));
        overview.add(row("status", runs, run -> run.status().label()));
        overview.add(row("started", runs, run -> RunText.time(run.startedAt())));
        overview.add(row("epochs", runs, run -> RunText.epochs(run.epochsCompleted(), run.epochsPlanned())));
        overview.add(row("best val_accuracy", runs, run -> RunText.best(run.bestValAccuracy())));
        overview.add(row("best val_loss", runs, run -> RunText.best(run.bestValLoss())));
        overview.add(row("overfitting after", runs,
                run -> run.overfittingAfter() == null ? RunText.NONE : "epoch " + run.overfittingAfter()));
        overview.add(row("wall time", runs, run -> RunText.duration(run.wallSeconds())));
        out.append(overview.render());

        List<String> differing = Hyperparameters.differing(runs, key -> true);
        out.append("\nConfig differences");
        if (differing.isEmpty()) {
            out.append(": none\n");
        } else {
            out.append('\n');
            TextTable config = new TextTable(header(runs, "key"), aligned(runs.size() + 1, false));
            differing.forEach(key -> config.add(row(key, runs, run -> run.setting(key).orElse("(not set)"))));
            out.append(config.render());
        }

        out.append("\nPer epoch: train_loss, val_loss, val_accuracy (* = the run's best val_loss)\n");
        out.append(epochs(runs).render());
        for (RunRecord run : runs) {
            run.notes().forEach(note -> out.append("Note on ").append(letter(runs.indexOf(run))).append(": ")
                    .append(note).append('\n'));
        }
        return out.toString();
    }

    private static TextTable epochs(List<RunRecord> runs) {
        List<String> header = new ArrayList<>(List.of("epoch"));
        for (int r = 0; r < runs.size(); r++) {
            header.addAll(List.of(letter(r) + " train_loss", "val_loss", "val_acc"));
        }
        TextTable table = new TextTable(header, aligned(header.size(), true));
        List<Map<Integer, EpochRow>> byEpoch = runs.stream()
                .map(run -> run.epochs().stream().collect(Collectors.toMap(EpochRow::epoch, e -> e)))
                .toList();
        TreeSet<Integer> epochs = new TreeSet<>();
        byEpoch.forEach(map -> epochs.addAll(map.keySet()));
        for (int epoch : epochs) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(epoch)));
            for (int r = 0; r < runs.size(); r++) {
                EpochRow e = byEpoch.get(r).get(epoch);
                boolean best = runs.get(r).bestValLoss() != null && runs.get(r).bestValLoss().epoch() == epoch;
                row.add(e == null ? "" : RunText.metric(e.trainLoss()));
                row.add(e == null ? "" : RunText.metric(e.valLoss()) + (best ? "*" : " "));
                row.add(e == null ? "" : RunText.metric(e.valAccuracy()));
            }
            table.add(row);
        }
        return table;
    }

    private static List<String> header(List<RunRecord> runs, String first) {
        List<String> header = new ArrayList<>(List.of(first));
        for (int r = 0; r < runs.size(); r++) {
            header.add(letter(r));
        }
        return header;
    }

    private static List<String> row(String label, List<RunRecord> runs, Function<RunRecord, String> value) {
        List<String> row = new ArrayList<>(List.of(label));
        runs.forEach(run -> row.add(value.apply(run)));
        return row;
    }

    private static List<Boolean> aligned(int columns, boolean right) {
        List<Boolean> alignment = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            alignment.add(c > 0 && right);
        }
        return alignment;
    }

    /** A, B, ..., Z, then AA, AB, ...: enough for any comparison a terminal can show. */
    static String letter(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : letter(index / 26 - 1) + letter(index % 26);
    }
}
