package dev.dl4jrunner.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code runner bench} measured. Rates are images per second from the median of the timed iterations.
 *
 * @param secondsToFirstIteration from the start of the command (its launcher's, if it has one) to the end of the
 *                                first training iteration
 * @param startupSeconds          the same time by phase, in order: launcher, jvm_and_experiment (this JVM's start,
 *                                the command line, the experiment and its images listed), backend, model,
 *                                first_batch, first_fit
 * @param heapWarmedBytes         native memory written ahead of the first iteration, as much as an earlier run of the
 *                                model took in its first two (HeapWarmup); 0 in the run that measured it
 * @param peakResidentBytes       the process's peak resident memory (VmHWM): heap, ND4J's off-heap memory, code
 * @param peakHeapBytes           the Java heap pools' peak use; the rest of the resident memory is ND4J's
 *                                off-heap arrays, native libraries and the JVM itself
 * @param estimatedTrainingBytes  DL4J's own estimate of the memory training the model takes; 0 when it has none
 * @param nativeMemoryChange      what the process changed in its allocator for this model (a model too large to
 *                                keep freed memory for, train.NativeMemoryPlan), in a sentence; empty when nothing
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
        Map<String, Double> startupSeconds,
        long heapWarmedBytes,
        long peakResidentBytes,
        long peakHeapBytes,
        long estimatedTrainingBytes,
        String nativeMemoryChange,
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
        startupSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(startupSeconds));
    }

    /** Achieved training arithmetic as a share of the GEMM peak. */
    public double peakShare() {
        return gemmPeakGflops == 0 ? 0 : achievedGflops / gemmPeakGflops;
    }
}
