package dev.dl4jrunner.train;

/**
 * How far one epoch's training pass has got: the batches and images done and the sums its training metrics come
 * from. Kept in checkpoints, so an epoch interrupted half-way resumes with the same sums.
 *
 * @param epoch        the epoch, 1-based
 * @param batches      batches fitted so far
 * @param images       images in those batches
 * @param lossSum      sum over the batches of loss times batch size
 * @param correct      training images classified right in those batches' forward passes
 * @param trainSeconds time spent on those batches (reading, fitting, listeners; not checkpoints)
 * @param waitSeconds  the part of it spent waiting for the input pipeline to deliver a batch
 */
public record EpochProgress(int epoch, int batches, int images, double lossSum, long correct, double trainSeconds,
                            double waitSeconds) {

    static EpochProgress start(int epoch) {
        return new EpochProgress(epoch, 0, 0, 0, 0, 0, 0);
    }

    /** After {@code fitted} more batches, which added {@code sums}. */
    EpochProgress after(int fitted, BatchTally.Sums sums, double seconds, double waited) {
        return new EpochProgress(epoch, batches + fitted, images + sums.images(), lossSum + sums.lossSum(),
                correct + sums.correct(), trainSeconds + seconds, waitSeconds + waited);
    }

    /** Share of the training time spent waiting for data; near 0 when prefetching keeps up. */
    double waitShare() {
        return trainSeconds == 0 ? 0 : waitSeconds / trainSeconds;
    }

    double meanLoss() {
        return images == 0 ? 0 : lossSum / images;
    }

    double accuracy() {
        return images == 0 ? 0 : (double) correct / images;
    }

    double imagesPerSecond() {
        return trainSeconds == 0 ? 0 : images / trainSeconds;
    }
}
