package dev.dl4jrunner.train;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Records DL4J training-UI statistics into the run's {@code stats.dl4j}, as one UI session named after the run.
 * The file is locked while training writes it; {@link #close()} releases it.
 */
final class UiStatsRecorder implements AutoCloseable {
    private final StatsStorage storage;

    /**
     * Collects statistics every twentieth of an epoch, but at most every 10 iterations: one report costs about a
     * second for VGG16 with 15 million parameters (measured at 64x64, whatever the batch), so reporting every
     * iteration would halve small runs' speed, while ~20 points per epoch draw the curves well.
     */
    UiStatsRecorder(Path file, String sessionId, ComputationGraph graph, int batchesPerEpoch) {
        this.storage = new FileStatsStorage(file.toFile());
        int reportEvery = Math.max(10, batchesPerEpoch / 20);
        graph.addListeners(new StatsListener(storage, reportEvery, sessionId));
    }

    @Override
    public void close() throws IOException {
        storage.close();
    }
}
