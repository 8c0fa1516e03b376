package dev.dl4jrunner.train;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Records DL4J training-UI statistics into the run's {@code stats.dl4j}, as one UI session named after the run; a
 * resumed run appends to it. When a {@code runner ui} serves the runs directory, the same statistics also go to it
 * live ({@link LiveUi}). The file is locked while training writes it; {@link #close()} releases it.
 */
public final class UiStatsRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiStatsRecorder.class);

    private final StatsStorage storage;
    private final Optional<LiveUi> live;

    private UiStatsRecorder(StatsStorage storage, Optional<LiveUi> live) {
        this.storage = storage;
        this.live = live;
    }

    /**
     * Starts recording {@code graph}'s training into {@code file} (and the live UI, if one serves the runs
     * directory), every {@link #reportingInterval} iterations, with the statistics of {@link UiStatistics}.
     */
    static UiStatsRecorder attach(Path file, String sessionId, ComputationGraph graph, int batchesPerEpoch)
            throws IOException {
        UiStatsRecorder recorder = receiving(file);
        graph.addListeners(listener(recorder.router(), sessionId, reportingInterval(batchesPerEpoch)));
        return recorder;
    }

    /**
     * Records into {@code file} what a listener elsewhere collects (a Spark run's workers send theirs to the driver):
     * {@link #router()} takes the statistics.
     */
    static UiStatsRecorder receiving(Path file) throws IOException {
        return new UiStatsRecorder(open(file), LiveUi.find(file.getParent().getParent()));
    }

    /** Where statistics go: the file, and a running {@code runner ui} if there is one. */
    StatsStorageRouter router() {
        return live.<StatsStorageRouter>map(ui -> new TeeStatsRouter(storage, ui)).orElse(storage);
    }

    /**
     * Every twentieth of an epoch, but at most every 40 iterations. A report of {@link UiStatistics} cost 0.8 s at
     * 64x64 with DL4J's standard deviations, three quarters of an iteration (3.1% of training every 20 iterations);
     * with {@link UiStatsListener}'s it costs about 0.3 s, a quarter of an iteration, 0.6% every 40. Long runs
     * still get ~20 points per epoch.
     */
    static int reportingInterval(int batchesPerEpoch) {
        return Math.max(40, batchesPerEpoch / 20);
    }

    /**
     * DL4J's listener collecting {@link UiStatistics} every {@code reportingInterval} iterations as session
     * {@code sessionId}; {@code router} may be null where DL4J sets it (a Spark worker's listener).
     */
    public static StatsListener listener(StatsStorageRouter router, String sessionId, int reportingInterval) {
        return new UiStatsListener(router, new UiStatistics(reportingInterval), sessionId, null);
    }

    /**
     * The storage in {@code file}. MapDB keeps a write-ahead log, so a killed trainer's file normally reopens; one
     * that does not is moved aside rather than stopping the run: the statistics are not worth a lost run.
     */
    private static StatsStorage open(Path file) throws IOException {
        try {
            return new FileStatsStorage(file.toFile());
        } catch (RuntimeException damaged) {
            String aside = ".damaged-" + System.currentTimeMillis();
            try (Stream<Path> files = Files.list(file.getParent())) {
                for (Path part : files.filter(f -> f.getFileName().toString().startsWith(file.getFileName() + ".wal")
                        || f.equals(file)).toList()) {
                    Files.move(part, part.resolveSibling(part.getFileName() + aside));
                }
            }
            LOG.warn("{} could not be opened ({}); moved aside with the suffix {}, new statistics start empty",
                    file, damaged.getMessage(), aside);
            return new FileStatsStorage(file.toFile());
        }
    }

    @Override
    public void close() throws IOException {
        live.ifPresent(LiveUi::close);
        storage.close();
    }
}
