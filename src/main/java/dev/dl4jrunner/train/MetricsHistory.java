package dev.dl4jrunner.train;

import dev.dl4jrunner.run.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of every finished epoch, kept in memory and in {@code metrics.csv}, rewritten atomically after each.
 * A resumed run starts from its checkpoint's epochs, so the file never has an epoch twice or one missing.
 */
final class MetricsHistory implements EpochListener {
    private final Path file;
    /** Read by a last-word summary on another thread. */
    private final List<EpochMetrics> epochs;

    MetricsHistory(Path file, List<EpochMetrics> finished) {
        this.file = file;
        this.epochs = new CopyOnWriteArrayList<>(finished);
    }

    /** The epochs finished so far, in order. */
    List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, ComputationGraph graph) throws IOException {
        epochs.add(metrics);
        write();
    }

    /** Writes the file as it stands, dropping any epoch a killed process wrote after its last checkpoint. */
    void write() throws IOException {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        epochs.forEach(epoch -> csv.append(epoch.toCsv()).append('\n'));
        AtomicFiles.writeString(file, csv.toString());
    }
}
