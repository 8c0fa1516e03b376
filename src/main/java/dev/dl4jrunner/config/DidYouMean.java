package dev.dl4jrunner.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Suggests the known names closest to a misspelt one, by edit distance. */
final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * {@code " Did you mean: 'training'?"} naming the closest candidates, or {@code ""} when none is close:
     * within a third of the name's length, and at least two edits for short names.
     */
    static String suggest(String name, List<String> candidates) {
        int allowed = Math.max(2, name.length() / 3);
        int best = candidates.stream().mapToInt(candidate -> distance(name, candidate)).min().orElse(allowed + 1);
        if (best > allowed) {
            return "";
        }
        return candidates.stream()
                .filter(candidate -> distance(name, candidate) == best)
                .map(candidate -> "'" + candidate + "'")
                .collect(Collectors.joining(", ", " Did you mean: ", "?"));
    }

    /** Levenshtein distance, ignoring case since keys are lower case anyway. */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[t.length() + 1];
        int[] current = new int[t.length() + 1];
        for (int j = 0; j <= t.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= t.length(); j++) {
                int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[t.length()];
    }
}
