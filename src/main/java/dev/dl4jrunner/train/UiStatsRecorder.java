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
     * @param reportEvery collect statistics every this many iterations: histograms of a large network are not free
     */
    UiStatsRecorder(Path file, String sessionId, ComputationGraph graph, int reportEvery) {
        this.storage = new FileStatsStorage(file.toFile());
        graph.addListeners(new StatsListener(storage, reportEvery, sessionId));
    }

    @Override
    public void close() throws IOException {
        storage.close();
    }
}
