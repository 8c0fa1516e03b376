package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads {@code path,label} CSV files: the split lists and the list of skipped images. */
public final class SplitFiles {
    private SplitFiles() {
    }

    /** One CSV row per list of fields, under a header of {@code columns}; fields are quoted where they need it. */
    public static void write(Path file, List<String> columns, List<List<String>> rows) throws IOException {
        write(file, String.join(",", columns.stream().map(SplitFiles::field).toList()), rows);
    }

    /** One CSV row per {@code [path, second column]} pair, under {@code header}. */
    public static void write(Path file, String header, List<List<String>> rows) throws IOException {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(SplitFiles::field).toList())).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * The rows of a CSV file as {@link #write} writes it (fields quoted when they hold a comma, quote or line break),
     * without its header line.
     *
     * @throws IOException when the file cannot be read or a quoted field is not closed
     */
    public static List<List<String>> read(Path file) throws IOException {
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean rowStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                rowStarted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                rowStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                if (rowStarted || field.length() > 0) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                rowStarted = false;
            } else {
                field.append(c);
                rowStarted = true;
            }
        }
        if (quoted) {
            throw new IOException(file + " ends inside a quoted field");
        }
        if (rowStarted || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
