package dev.dl4jrunner.train;

import dev.dl4jrunner.run.AtomicFiles;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;

/** Keeps {@code metrics.csv} up to date: one row per finished epoch, rewritten atomically after each. */
final class MetricsCsvListener implements EpochListener {
    private final Path file;
    private final StringBuilder content = new StringBuilder(EpochMetrics.CSV_HEADER).append('\n');

    MetricsCsvListener(Path file) throws IOException {
        this.file = file;
        AtomicFiles.writeString(file, content.toString());
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, ComputationGraph graph) throws IOException {
        content.append(metrics.toCsv()).append('\n');
        AtomicFiles.writeString(file, content.toString());
    }
}
