package dev.dl4jrunner.infer;

import dev.dl4jrunner.run.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kaggle's Dogs vs. Cats submission: {@code id,label}, one row per test image, the id from its file name
 * ({@code 123.jpg} is 123), the label the probability of dog (the second of the run's two classes), rows sorted by
 * id as numbers.
 */
public final class KaggleSubmission {
    private static final Pattern ID = Pattern.compile("(\\d{1,18})\\.(?i:jpe?g|png)");

    private KaggleSubmission() {
    }

    /**
     * Checks before anything is predicted that {@code classes} has two classes and that every file is named by a
     * distinct id; the message names the files that are not.
     */
    public static void requireUsable(List<String> classes, List<Path> files) throws InferenceException {
        if (classes.size() != 2) {
            throw InferenceException.unusable("--format kaggle writes the probability of the second of two classes, "
                    + "but the run has " + classes.size() + " classes (" + String.join(", ", classes)
                    + "); use --format csv or json");
        }
        List<String> unnamed = new ArrayList<>();
        Map<Long, Path> byId = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Path file : files) {
            Matcher id = ID.matcher(String.valueOf(file.getFileName()));
            if (!id.matches()) {
                unnamed.add(file.toString());
                continue;
            }
            Path other = byId.putIfAbsent(Long.parseLong(id.group(1)), file);
            if (other != null) {
                duplicates.add(other + " and " + file);
            }
        }
        if (!unnamed.isEmpty()) {
            throw InferenceException.unusable("--format kaggle takes the id from file names like 123.jpg; "
                    + count(unnamed.size(), "file") + " named otherwise: " + listed(unnamed));
        }
        if (!duplicates.isEmpty()) {
            throw InferenceException.unusable("--format kaggle needs one image per id; the same id is in "
                    + listed(duplicates));
        }
    }

    /** The id of a file {@link #requireUsable} accepted. */
    static long id(Path file) {
        Matcher id = ID.matcher(String.valueOf(file.getFileName()));
        if (!id.matches()) {
            throw new IllegalArgumentException("Not named by an id: " + file);
        }
        return Long.parseLong(id.group(1));
    }

    /** The submission's text: {@code id,label} and a row per prediction, by id. */
    static String render(List<Prediction> predictions) {
        StringBuilder csv = new StringBuilder("id,label\n");
        predictions.stream().sorted(Comparator.comparingLong(p -> id(p.path()))).forEach(p ->
                csv.append(id(p.path())).append(',').append(Probabilities.format(p.probability(1))).append('\n'));
        return csv.toString();
    }

    static void write(Path file, List<Prediction> predictions) throws IOException {
        AtomicFiles.writeString(file, render(predictions));
    }

    private static String listed(List<String> items) {
        int shown = Math.min(items.size(), 5);
        return String.join(", ", items.subList(0, shown)) + (items.size() > shown
                ? String.format(Locale.ROOT, " and %d more", items.size() - shown) : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
