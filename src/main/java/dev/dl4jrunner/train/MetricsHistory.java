package dev.dl4jrunner.train;

import dev.dl4jrunner.run.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The metrics of every finished epoch, kept in memory and in {@code metrics.csv}, rewritten atomically after each. */
final class MetricsHistory implements EpochListener {
    private final Path file;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    MetricsHistory(Path file) throws IOException {
        this.file = file;
        write();
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

    private void write() throws IOException {
        StringBuilder csv = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');
        epochs.forEach(epoch -> csv.append(epoch.toCsv()).append('\n'));
        AtomicFiles.writeString(file, csv.toString());
    }
}
