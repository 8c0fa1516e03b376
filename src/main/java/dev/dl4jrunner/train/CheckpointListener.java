package dev.dl4jrunner.train;

import dev.dl4jrunner.config.CheckpointConfig;
import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.RunDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Saves the model with its updater state after every epoch: {@code checkpoints/last.zip}, {@code best.zip} when the
 * epoch is the best so far, and {@code epoch-NNNN.zip} every {@code every_epochs} epochs, keeping the last
 * {@code keep_last} of those. Every file is replaced atomically, so a crash leaves the previous one intact.
 */
final class CheckpointListener implements EpochListener {
    private final RunDirectory run;
    private final CheckpointConfig config;
    private final BestEpoch best;
    private final Deque<Path> periodic = new ArrayDeque<>();

    CheckpointListener(RunDirectory run, CheckpointConfig config, BestEpoch best) {
        this.run = run;
        this.config = config;
        this.best = best;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, ComputationGraph graph) throws IOException {
        Path last = run.lastCheckpoint();
        AtomicFiles.write(last, temporary -> ModelSerializer.writeModel(graph, temporary.toFile(), true));
        if (best.offer(metrics)) {
            AtomicFiles.copy(last, run.bestCheckpoint());
        }
        if (config.everyEpochs() > 0 && metrics.epoch() % config.everyEpochs() == 0) {
            Path numbered = run.checkpoints().resolve(String.format("epoch-%04d.zip", metrics.epoch()));
            AtomicFiles.copy(last, numbered);
            periodic.addLast(numbered);
            while (periodic.size() > config.keepLast()) {
                Files.deleteIfExists(periodic.removeFirst());
            }
        }
    }
}
