package dev.dl4jrunner.data;

import org.datavec.api.split.CollectionInputSplit;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A DataVec input split whose iteration order is a shuffle determined by (seed, epoch) alone, so that the order
 * of any epoch can be reproduced, for instance by a resumed run.
 */
final class EpochOrderSplit extends CollectionInputSplit {
    private final long seed;

    EpochOrderSplit(List<URI> locations, long seed) {
        super(locations);
        this.seed = seed;
    }

    /** Makes the next {@code reset()} of the reading record reader iterate in epoch {@code epoch}'s order. */
    void useEpoch(int epoch) {
        iterationOrder = order(uriStrings.size(), seed, epoch);
    }

    /** The positions of {@code size} files in epoch {@code epoch}'s order: a seeded Fisher-Yates shuffle. */
    static int[] order(int size, long seed, int epoch) {
        Random random = new Random(Objects.hash("order", seed, epoch));
        int[] order = IntStream.range(0, size).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
