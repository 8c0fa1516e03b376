package dev.dl4jrunner.bench;

import java.util.Arrays;

/** Durations of repeated runs of one thing; the median resists the odd slow iteration (GC, another process). */
final class Timings {
    private final double[] seconds;
    private int count;

    Timings(int capacity) {
        this.seconds = new double[capacity];
    }

    void add(double value) {
        seconds[count++] = value;
    }

    double mean() {
        if (count == 0) {
            throw new IllegalStateException("nothing timed");
        }
        return Arrays.stream(seconds, 0, count).sum() / count;
    }

    double median() {
        if (count == 0) {
            throw new IllegalStateException("nothing timed");
        }
        double[] sorted = Arrays.copyOf(seconds, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
