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
final class UiStatsRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiStatsRecorder.class);

    private final StatsStorage storage;
    private final Optional<LiveUi> live;

    private UiStatsRecorder(StatsStorage storage, Optional<LiveUi> live) {
        this.storage = storage;
        this.live = live;
    }

    /**
     * Collects statistics every twentieth of an epoch, but at most every 10 iterations: one report costs about a
     * second for VGG16 with 15 million parameters (measured at 64x64, whatever the batch), so reporting every
     * iteration would halve small runs' speed, while ~20 points per epoch draw the curves well.
     */
    static UiStatsRecorder attach(Path file, String sessionId, ComputationGraph graph, int batchesPerEpoch)
            throws IOException {
        UiStatsRecorder recorder = receiving(file);
        graph.addListeners(new StatsListener(recorder.router(), reportEvery(batchesPerEpoch), sessionId));
        return recorder;
    }

    /** Iterations between two reports for epochs of {@code batchesPerEpoch} batches: ~20 per epoch, at most every 10th. */
    static int reportEvery(int batchesPerEpoch) {
        return Math.max(10, batchesPerEpoch / 20);
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
