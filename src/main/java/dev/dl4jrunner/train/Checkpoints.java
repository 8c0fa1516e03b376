package dev.dl4jrunner.train;

import dev.dl4jrunner.config.CheckpointConfig;
import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.RunDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Decides when to checkpoint and writes the files: {@code checkpoints/last.zip} after every epoch, within an epoch
 * every {@code every_iterations} iterations or {@code every_minutes} minutes, and when training is interrupted;
 * {@code best.zip} when an epoch is the best so far; {@code epoch-NNNN.zip} every {@code every_epochs} epochs,
 * keeping the last {@code keep_last}. Each file is replaced atomically, so a crash leaves the previous one intact.
 */
final class Checkpoints {
    private final RunDirectory run;
    private final CheckpointConfig config;
    private final BestEpoch best;
    private final Deque<Path> periodic;
    private long lastWrite = System.nanoTime();

    /** Takes over the periodic checkpoints already in the run directory, for a resumed run. */
    Checkpoints(RunDirectory run, CheckpointConfig config, BestEpoch best) throws IOException {
        this.run = run;
        this.config = config;
        this.best = best;
        this.periodic = new ArrayDeque<>();
        if (Files.isDirectory(run.checkpoints())) {
            try (Stream<Path> files = Files.list(run.checkpoints())) {
                files.filter(file -> file.getFileName().toString().matches("epoch-\\d{4,}\\.zip"))
                        .sorted().forEach(periodic::addLast);
            }
        }
    }

    /**
     * After a step of the loop that is not its epoch's last, which took the graph's iteration count (over the whole
     * run) from {@code before} to {@code after}: one batch with one worker, one round of a batch per worker with
     * several.
     */
    void afterStep(ComputationGraph graph, TrainingState state, long before, long after) throws IOException {
        int every = config.everyIterations();
        boolean iterationsDue = every > 0 && after / every > before / every;
        boolean timeDue = config.everyMinutes() > 0
                && System.nanoTime() - lastWrite >= config.everyMinutes() * 60e9;
        if (iterationsDue || timeDue) {
            save(graph, state);
        }
    }

    /** After an epoch's validation: {@code state} includes {@code finished}. */
    void afterEpoch(ComputationGraph graph, TrainingState state, EpochMetrics finished) throws IOException {
        save(graph, state);
        Path last = run.lastCheckpoint();
        if (best.offer(finished)) {
            AtomicFiles.copy(last, run.bestCheckpoint());
        }
        if (config.everyEpochs() > 0 && finished.epoch() % config.everyEpochs() == 0) {
            Path numbered = run.checkpoints().resolve(String.format("epoch-%04d.zip", finished.epoch()));
            AtomicFiles.copy(last, numbered);
            periodic.remove(numbered);
            periodic.addLast(numbered);
            while (periodic.size() > config.keepLast()) {
                Files.deleteIfExists(periodic.removeFirst());
            }
        }
    }

    /** Writes {@code last.zip} now. */
    void save(ComputationGraph graph, TrainingState state) throws IOException {
        CheckpointFile.write(run.lastCheckpoint(), graph, state);
        lastWrite = System.nanoTime();
    }
}
