package dev.dl4jrunner.train;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.run.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes one run's {@code summary.json}: at the start of each session, and whenever and however it ends. */
final class Summaries {
    private static final Logger LOG = LoggerFactory.getLogger(Summaries.class);

    private final RunDirectory run;
    private final ExperimentConfig config;
    private final BestEpoch best;
    private final String startedAt;
    private final double secondsBefore;
    private final long sessionStart = System.nanoTime();

    /** {@code secondsBefore}: the time the run trained in earlier sessions, up to the checkpoint resumed from. */
    Summaries(RunDirectory run, ExperimentConfig config, BestEpoch best, String startedAt, double secondsBefore) {
        this.run = run;
        this.config = config;
        this.best = best;
        this.startedAt = startedAt;
        this.secondsBefore = secondsBefore;
    }

    RunSummary write(RunStatus status, List<EpochMetrics> epochs, boolean stoppedEarly, String error)
            throws IOException {
        RunSummary summary = summary(status, epochs, stoppedEarly, error);
        Json.write(run.summary(), summary);
        return summary;
    }

    /** Writes, and only logs a failure: for when the run is already failing or the process is about to end. */
    void writeQuietly(RunStatus status, List<EpochMetrics> epochs, boolean stoppedEarly, String error) {
        try {
            write(status, epochs, stoppedEarly, error);
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write {} ({}): {}", run.summary(), status.name().toLowerCase(Locale.ROOT),
                    e.getMessage());
        }
    }

    private RunSummary summary(RunStatus status, List<EpochMetrics> epochs, boolean stoppedEarly, String error) {
        EpochMetrics top = best.best();
        EpochMetrics last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        // Every epoch trains on the same images, so each epoch's training time is proportional to 1 / its rate.
        double trainingTime = epochs.stream().mapToDouble(m -> 1 / m.imagesPerSecond()).sum();
        double imagesPerSecond = epochs.isEmpty() ? 0 : epochs.size() / trainingTime;
        double dataWaitShare = epochs.isEmpty() ? 0
                : epochs.stream().mapToDouble(m -> m.dataWaitShare() / m.imagesPerSecond()).sum() / trainingTime;
        boolean finished = status != RunStatus.RUNNING;
        return new RunSummary(run.id(), status, epochs.size(), config.training().epochs(), stoppedEarly,
                best.metric().name().toLowerCase(Locale.ROOT), top == null ? 0 : top.epoch(),
                top == null ? null : top.valLoss(), top == null ? null : top.valAccuracy(),
                last == null ? null : last.valLoss(), last == null ? null : last.valAccuracy(),
                secondsBefore + (System.nanoTime() - sessionStart) / 1e9, imagesPerSecond,
                startedAt, finished ? Instant.now().toString() : null, error, dataWaitShare);
    }
}
