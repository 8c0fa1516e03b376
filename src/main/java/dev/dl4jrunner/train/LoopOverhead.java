package dev.dl4jrunner.train;

import dev.dl4jrunner.model.ForwardPassCache;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
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
 * first iteration, the rest on its last), so the timed iterations with listeners are one whole interval, after an
 * untimed iteration that takes the listener's one-off start (the session's static information). Each is paired with
 * a bare {@code fit} of the same batch right before it, the run's listeners detached (the model's own, from
 * {@link ForwardPassCache}, stay): on a shared machine the speed drifts by more than the few percent measured here
 * between one minute and the next, and neighbours drift alike. The bare fits are taken back out of the graph's
 * iteration count, because DL4J's statistics listener reports on the model's iterations that are a multiple of its
 * interval: counted, they would halve the listener's interval (or skip every report).
 */
public final class LoopOverhead {
    /**
     * @param bareSecondsPerBatch each bare fit's time, one before each fit with the listeners
     * @param secondsPerBatch     each fit's time with the listeners attached, over one reporting interval
     * @param checkpointSeconds   writing one checkpoint of the graph
     */
    public record Result(List<Double> bareSecondsPerBatch, List<Double> secondsPerBatch, double checkpointSeconds) {
        public Result {
            bareSecondsPerBatch = List.copyOf(bareSecondsPerBatch);
            secondsPerBatch = List.copyOf(secondsPerBatch);
        }

        /** How much longer a fit takes with the listeners: the ratio of the two means, less one. */
        public double listenerShare() {
            return mean(secondsPerBatch) / mean(bareSecondsPerBatch) - 1;
        }

        /** One checkpoint per epoch of {@code batchesPerEpoch} bare fits. */
        public double checkpointShare(int batchesPerEpoch) {
            return checkpointSeconds / (batchesPerEpoch * mean(bareSecondsPerBatch));
        }

        private static double mean(List<Double> seconds) {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    private LoopOverhead() {
    }

    /** Takes the last fit out of {@code graph}'s iteration count. */
    private static void uncount(ComputationGraph graph) {
        graph.getConfiguration().setIterationCount(graph.getConfiguration().getIterationCount() - 1);
    }

    /**
     * Fits {@code batches}, again from the first when they run out, in pairs: bare, then with a run's listeners;
     * then removes the listeners.
     */
    public static Result measure(ComputationGraph graph, List<DataSet> batches, int batchesPerEpoch)
            throws IOException {
        Path temp = Files.createTempDirectory("dl4j-runner-bench");
        try {
            Path run = Files.createDirectory(temp.resolve("run"));
            BatchFitter fitter = new SingleDeviceFitter(graph, 0);
            List<Double> bare = new ArrayList<>();
            List<Double> withListeners = new ArrayList<>();
            try (UiStatsRecorder ignored = UiStatsRecorder.attach(run.resolve("stats.dl4j"), "bench", graph,
                    batchesPerEpoch)) {
                List<TrainingListener> listeners = List.copyOf(graph.getListeners());
                List<TrainingListener> modelsOwn = ForwardPassCache.listenersOf(graph);
                int timed = UiStatsRecorder.reportingInterval(batchesPerEpoch);
                for (int i = 0; i <= timed; i++) {
                    DataSet batch = batches.get(i % batches.size());
                    graph.setListeners(modelsOwn);
                    long start = System.nanoTime();
                    graph.fit(batch);
                    double bareSeconds = (System.nanoTime() - start) / 1e9;
                    uncount(graph);
                    graph.setListeners(listeners);
                    start = System.nanoTime();
                    fitter.fit(List.of(batch), 1, i);
                    if (i > 0) {
                        bare.add(bareSeconds);
                        withListeners.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
            long start = System.nanoTime();
            CheckpointFile.write(run.resolve("last.zip"), graph, TrainingState.start());
            return new Result(bare, withListeners, (System.nanoTime() - start) / 1e9);
        } finally {
            graph.setListeners(ForwardPassCache.listenersOf(graph));
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
