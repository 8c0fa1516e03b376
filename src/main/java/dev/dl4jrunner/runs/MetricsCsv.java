package dev.dl4jrunner.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code metrics.csv} by its header, so that columns added or reordered by another version still read. A line
 * that does not parse is left out and named; so is an epoch that is not after the one before it.
 */
final class MetricsCsv {
    private static final String[] COLUMNS = {"epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
            "learning_rate", "seconds", "images_per_second", "val_precision", "val_recall", "val_f1"};

    private MetricsCsv() {
    }

    record Parsed(List<EpochRow> rows, List<String> problems) {
    }

    static Parsed parse(String text) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            return new Parsed(List.of(), List.of("metrics.csv: empty"));
        }
        Map<String, Integer> index = new HashMap<>();
        String[] header = lines[0].split(",", -1);
        for (int i = 0; i < header.length; i++) {
            index.putIfAbsent(header[i].strip(), i);
        }
        if (!index.containsKey("epoch")) {
            return new Parsed(List.of(), List.of("metrics.csv: no epoch column in the header"));
        }
        List<EpochRow> rows = new ArrayList<>();
        int skipped = 0;
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] fields = lines[n].split(",", -1);
            EpochRow row = fields.length == header.length ? row(fields, index) : null;
            if (row == null || (!rows.isEmpty() && row.epoch() <= rows.get(rows.size() - 1).epoch())) {
                if (skipped++ == 0) {
                    problems.add("metrics.csv: line " + (n + 1) + " does not read as an epoch"
                            + (row == null ? "" : " after epoch " + rows.get(rows.size() - 1).epoch())
                            + "; left out");
                }
                continue;
            }
            rows.add(row);
        }
        if (skipped > 1) {
            problems.add("metrics.csv: " + skipped + " lines left out in all");
        }
        return new Parsed(List.copyOf(rows), List.copyOf(problems));
    }

    private static EpochRow row(String[] fields, Map<String, Integer> index) {
        int epoch;
        try {
            epoch = Integer.parseInt(fields[index.get("epoch")].strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (epoch < 1) {
            return null;
        }
        Double[] values = new Double[COLUMNS.length];
        for (int c = 1; c < COLUMNS.length; c++) {
            Integer i = index.get(COLUMNS[c]);
            values[c] = i == null ? null : number(fields[i]);
        }
        return new EpochRow(epoch, values[1], values[2], values[3], values[4], values[5], values[6], values[7],
                values[8], values[9], values[10]);
    }

    private static Double number(String field) {
        try {
            double value = Double.parseDouble(field.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
