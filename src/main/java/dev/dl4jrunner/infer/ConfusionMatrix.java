package dev.dl4jrunner.infer;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Counts of (actual class, predicted class) pairs, and what follows from them alone: accuracy and, per class,
 * precision, recall and F1. A value whose denominator is 0 (the precision of a class never predicted, the recall of
 * a class without images) is undefined: empty here, {@code null} in files, {@code n/a} on screen.
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final long[][] counts;

    private ConfusionMatrix(List<String> classes, long[][] counts) {
        this.classes = List.copyOf(classes);
        this.counts = counts;
    }

    /** {@code actual[i]} and {@code predicted[i]} are class indices of image {@code i}. */
    public static ConfusionMatrix of(List<String> classes, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual classes but " + predicted.length + " predicted");
        }
        long[][] counts = new long[classes.size()][classes.size()];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    public List<String> classes() {
        return classes;
    }

    /** Images of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Rows are the actual classes, columns the predicted ones. */
    public long[][] rows() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long total = 0;
        for (int a = 0; a < counts.length; a++) {
            total += support(a);
        }
        return total;
    }

    /** Images whose actual class is {@code c}. */
    public long support(int c) {
        long sum = 0;
        for (long n : counts[c]) {
            sum += n;
        }
        return sum;
    }

    /** Images predicted as {@code c}. */
    public long predictedAs(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public long correct() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /** Share of images predicted right; empty without images. */
    public OptionalDouble accuracy() {
        return ratio(correct(), total());
    }

    /** Of the images predicted as {@code c}, the share that are {@code c}: TP / (TP + FP). */
    public OptionalDouble precision(int c) {
        return ratio(counts[c][c], predictedAs(c));
    }

    /** Of the images of class {@code c}, the share predicted as {@code c}: TP / (TP + FN). */
    public OptionalDouble recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /**
     * The harmonic mean of precision and recall, 2 TP / (2 TP + FP + FN); undefined only when class {@code c} is
     * neither present nor predicted.
     */
    public OptionalDouble f1(int c) {
        long tp = counts[c][c];
        return ratio(2 * tp, 2 * tp + (predictedAs(c) - tp) + (support(c) - tp));
    }

    private static OptionalDouble ratio(long numerator, long denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }
}
