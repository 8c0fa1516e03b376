package dev.dl4jrunner.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The runs table as CSV for scripts: one row per run, full setting keys as column names, plain numbers. */
public final class RunsCsv {
    private RunsCsv() {
    }

    public static String render(RunsTable table) {
        List<String> header = new ArrayList<>(List.of("run_id", "started_at", "status", "epochs_completed",
                "epochs_planned", "best_val_accuracy", "best_val_accuracy_epoch", "best_val_loss",
                "best_val_loss_epoch", "wall_seconds", "data_wait_share", "overfitting_after"));
        header.addAll(table.differing());
        header.add("notes");
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (RunRecord run : table.runs()) {
            List<String> row = new ArrayList<>(List.of(run.id(), text(run.startedAt()), run.status().label(),
                    String.valueOf(run.epochsCompleted()), text(run.epochsPlanned()),
                    run.bestValAccuracy() == null ? "" : number(run.bestValAccuracy().value()),
                    run.bestValAccuracy() == null ? "" : String.valueOf(run.bestValAccuracy().epoch()),
                    run.bestValLoss() == null ? "" : number(run.bestValLoss().value()),
                    run.bestValLoss() == null ? "" : String.valueOf(run.bestValLoss().epoch()),
                    run.wallSeconds() == null ? "" : String.format(Locale.ROOT, "%.1f", run.wallSeconds()),
                    run.dataWaitShare() == null ? "" : String.format(Locale.ROOT, "%.4f", run.dataWaitShare()),
                    text(run.overfittingAfter())));
            table.differing().forEach(key -> row.add(run.setting(key).orElse("")));
            row.add(String.join("; ", run.notes()));
            csv.append(String.join(",", row.stream().map(RunsCsv::field).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
