package dev.dl4jrunner.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code path,label} CSV files: the split lists and the list of skipped images. */
public final class SplitFiles {
    private SplitFiles() {
    }

    /** One CSV row per {@code [path, second column]} pair, under {@code header}. */
    public static void write(Path file, String header, List<List<String>> rows) throws IOException {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(SplitFiles::field).toList())).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
