package dev.dl4jrunner.infer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * The area under the ROC curve of a binary classifier: the probability that a random positive image scores higher
 * than a random negative one, ties counting half (the Mann-Whitney U statistic, computed exactly from average
 * ranks). Undefined when either class has no images.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** {@code positive[i]}: whether image {@code i} is of the positive class; {@code score[i]}: its score. */
    public static OptionalDouble of(boolean[] positive, double[] score) {
        int n = positive.length;
        long positives = IntStream.range(0, n).filter(i -> positive[i]).count();
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return OptionalDouble.empty();
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double positiveRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return OptionalDouble.of(u / ((double) positives * negatives));
    }
}
