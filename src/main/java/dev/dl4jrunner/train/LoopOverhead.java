package dev.dl4jrunner.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the runner's loop adds to a bare {@code fit}, for {@code runner bench}: the same batches fitted with the
 * listeners a run attaches (training accuracy from the forward pass, DL4J UI statistics at a run's reporting
 * interval), and the time of one epoch-end checkpoint. Writes only into a temporary directory it removes.
 *
 * <p>DL4J's statistics are collected once per reporting interval (activations and gradients on the interval's
 * first iteration, the rest on its last), so the timed iterations are one whole interval, after an untimed
 * iteration that takes the listener's one-off start (the session's static information).
 */
public final class LoopOverhead {
    /**
     * @param secondsPerBatch   each fit's time with the listeners attached, over one reporting interval
     * @param checkpointSeconds writing one checkpoint of the graph
     */
    public record Result(List<Double> secondsPerBatch, double checkpointSeconds) {
        public Result {
            secondsPerBatch = List.copyOf(secondsPerBatch);
        }
    }

    private LoopOverhead() {
    }

    /** Fits {@code batches}, again from the first when they run out, with a run's listeners on; then removes them. */
    public static Result measure(ComputationGraph graph, List<DataSet> batches, int batchesPerEpoch)
            throws IOException {
        Path temp = Files.createTempDirectory("dl4j-runner-bench");
        try {
            Path run = Files.createDirectory(temp.resolve("run"));
            BatchFitter fitter = new SingleDeviceFitter(graph, 0);
            List<Double> seconds = new ArrayList<>();
            try (UiStatsRecorder ignored = UiStatsRecorder.attach(run.resolve("stats.dl4j"), "bench", graph,
                    batchesPerEpoch)) {
                int timed = UiStatsRecorder.reportingInterval(batchesPerEpoch);
                for (int i = 0; i <= timed; i++) {
                    long start = System.nanoTime();
                    fitter.fit(List.of(batches.get(i % batches.size())), 1, i);
                    if (i > 0) {
                        seconds.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
            long start = System.nanoTime();
            CheckpointFile.write(run.resolve("last.zip"), graph, TrainingState.start());
            return new Result(seconds, (System.nanoTime() - start) / 1e9);
        } finally {
            graph.setListeners();
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
