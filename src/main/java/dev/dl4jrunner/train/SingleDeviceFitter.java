package dev.dl4jrunner.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Objects;

/**
 * One batch at a time with {@code graph.fit}, on the calling thread. ND4J's random generator (dropout) is reseeded
 * before every batch from the seed, the epoch and the batch number, so a resumed run draws what an uninterrupted
 * one would, to the bit.
 */
final class SingleDeviceFitter implements BatchFitter {
    private final ComputationGraph graph;
    private final long seed;
    private final BatchTally tally = new BatchTally();

    SingleDeviceFitter(ComputationGraph graph, long seed) {
        this.graph = graph;
        this.seed = seed;
        graph.addListeners(tally);
    }

    @Override
    public int batchesPerStep() {
        return 1;
    }

    @Override
    public BatchTally.Sums fit(List<DataSet> batches, int epoch, int firstBatch) {
        tally.expect(batches);
        for (int i = 0; i < batches.size(); i++) {
            Nd4j.getRandom().setSeed(Objects.hash("batch", seed, epoch, firstBatch + i));
            graph.fit(batches.get(i));
        }
        return tally.drain();
    }
}
