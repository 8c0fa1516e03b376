package dev.dl4jrunner.bench;

import java.util.List;

/**
 * What {@code runner bench} measured. Rates are images per second from the median of the timed iterations.
 *
 * @param secondsToFirstIteration from the start of the JVM to the end of the first training iteration
 * @param peakResidentBytes       the process's peak resident memory (VmHWM): heap, ND4J's off-heap memory, code
 * @param peakHeapBytes           the Java heap pools' peak use; the rest of the resident memory is ND4J's
 *                                off-heap arrays, native libraries and the JVM itself
 * @param achievedGflops          training FLOPs per image times the training rate
 * @param gemmPeakGflops          a large single-precision matrix product on the same backend, the practical peak
 * @param listenerOverheadShare   how much longer iterations took with a run's listeners attached, timed over one
 *                                reporting interval of its UI statistics
 * @param checkpointSeconds       writing one checkpoint, which a run does at least once per epoch
 * @param loopOverheadShare       the two together, the checkpoint spread over an epoch's batches: the runner's
 *                                loop against a bare {@code fit} loop on the same batches
 */
public record BenchResult(
        String experiment,
        List<Integer> inputShape,
        List<Integer> dense,
        boolean batchNorm,
        int classes,
        int batchSize,
        int warmupIterations,
        int timedIterations,
        String backend,
        double trainImagesPerSecond,
        double inferenceImagesPerSecond,
        double pipelineImagesPerSecond,
        double secondsToFirstIteration,
        long peakResidentBytes,
        long peakHeapBytes,
        double forwardGflopPerImage,
        double trainingGflopPerImage,
        double achievedGflops,
        double gemmPeakGflops,
        double listenerOverheadShare,
        double checkpointSeconds,
        double loopOverheadShare) {

    public BenchResult {
        inputShape = List.copyOf(inputShape);
        dense = List.copyOf(dense);
    }

    /** Achieved training arithmetic as a share of the GEMM peak. */
    public double peakShare() {
        return gemmPeakGflops == 0 ? 0 : achievedGflops / gemmPeakGflops;
    }
}
