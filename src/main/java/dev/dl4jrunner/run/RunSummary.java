package dev.dl4jrunner.run;

/**
 * {@code summary.json}: how a run ended and its headline numbers. Written with status {@code running} before the
 * first batch and rewritten at the end, also when training fails.
 *
 * @param bestEpoch       epoch of the best validation result by {@code bestMetric} (0 before the first epoch)
 * @param imagesPerSecond training images per second over all epochs, validation excluded
 * @param error           what went wrong, for a failed run
 * @param dataWaitShare   share of the training time spent waiting for the input pipeline, over all epochs
 */
public record RunSummary(
        String runId,
        RunStatus status,
        int epochsCompleted,
        int epochsPlanned,
        boolean stoppedEarly,
        String bestMetric,
        int bestEpoch,
        Double bestValLoss,
        Double bestValAccuracy,
        Double finalValLoss,
        Double finalValAccuracy,
        double wallSeconds,
        double imagesPerSecond,
        String startedAt,
        String finishedAt,
        String error,
        Double dataWaitShare) {
}
