package dev.dl4jrunner.data;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * Orders paths as people read them: runs of digits compare by their value, so {@code 2.jpg} comes before
 * {@code 10.jpg} (Kaggle's {@code test1/} is {@code 1.jpg} to {@code 12500.jpg}); everything else compares by
 * character, and equal-valued numbers with more leading zeros come after.
 */
public final class NaturalOrder implements Comparator<Path> {
    public static final NaturalOrder PATHS = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(Path a, Path b) {
        return compareStrings(a.toString(), b.toString());
    }

    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    /** Compares two digit strings by value, of any length; with equal values the one with fewer leading zeros first. */
    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        int byDigits = x.compareTo(y);
        return byDigits != 0 ? byDigits : Integer.compare(a.length(), b.length());
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    private static int digitsEnd(String s, int start) {
        int end = start;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
