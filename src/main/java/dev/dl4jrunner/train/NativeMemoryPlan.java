package dev.dl4jrunner.train;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.launch.GlibcAllocator;
import dev.dl4jrunner.launch.NativeHeap;
import dev.dl4jrunner.launch.ProcessTuning;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether this process keeps the native memory a training step frees for the next step, or hands its large
 * temporaries back to the system: chosen per model before its first step, from DL4J's own estimate of what training
 * it takes and the memory the machine has available.
 *
 * <p>The launcher's allocator settings keep freed memory ({@code launch.ProcessTuning}), which is what makes training
 * fast; the process's peak then comes close to DL4J's estimate (measured: 1.9-2.0 GiB for {@code vgg16-small},
 * estimated 2.1; 15.6-19.4 GiB for the paper's model at 224x224, estimated 18.8). Where the estimate is more than
 * {@value #USABLE_SHARE} of the available memory, the process returns blocks of 32 MiB and more instead
 * ({@link GlibcAllocator}), as glibc does by default: the paper's model then peaked at 9.05 GiB instead of 15.6, at 89%
 * of the speed, and fits a 16 GiB machine (docs/performance.md, ninth session). Under tcmalloc, which the launcher
 * prefers where it is installed, nothing can be changed once the process runs: the paper's model peaked at 12.0 GiB
 * there (64% of the estimate), and a model estimated above the share gets a warning with the setting that returns
 * large temporaries instead. In a process without either (the user took the allocator out of the runner's hands, or
 * not Linux) there is nothing to change.
 *
 * @param estimatedBytes DL4J's estimate of training memory, for all the workers' copies of the model
 * @param availableBytes the memory the kernel could give without swapping, when chosen
 * @param glibcHeap      whether freed memory stays in glibc's heap (the launcher's glibc settings), which can be told
 *                       to return large blocks; false under tcmalloc
 */
public record NativeMemoryPlan(long estimatedBytes, long availableBytes, boolean glibcHeap) {
    static final double USABLE_SHARE = 0.9;
    private static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * The plan for training {@code graph} on batches of {@code batchSize} in {@code workers} copies, in this process;
     * empty when this process does not keep freed memory, or the estimate or the available memory is unknown.
     */
    public static Optional<NativeMemoryPlan> forTraining(ComputationGraphConfiguration graph, InputConfig input,
                                                         int batchSize, int workers) {
        if (NativeHeap.keptWhenFreed(System.getenv()) == 0) {
            return Optional.empty();
        }
        boolean glibcHeap = !ProcessTuning.tcmallocPreloaded(System.getenv());
        OptionalLong estimate = estimate(graph, input, batchSize);
        OptionalLong available = NativeHeap.available();
        if (estimate.isEmpty() || available.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NativeMemoryPlan(estimate.getAsLong() * workers, available.getAsLong(), glibcHeap));
    }

    /** DL4J's estimate of the memory one copy of {@code graph} takes to train; empty if it cannot estimate it. */
    public static OptionalLong estimate(ComputationGraphConfiguration graph, InputConfig input, int batchSize) {
        try {
            return OptionalLong.of(graph.getMemoryReport(
                            InputType.convolutional(input.height(), input.width(), input.channels()))
                    .getTotalMemoryBytes(batchSize, MemoryUseMode.TRAINING, graph.getCacheMode(), graph.getDataType()));
        } catch (RuntimeException noEstimate) {
            return OptionalLong.empty();
        }
    }

    /** Whether the training fits in memory with every freed block kept for the next step. */
    public boolean keepsFreedMemory() {
        return estimatedBytes <= USABLE_SHARE * availableBytes;
    }

    /**
     * Carries the plan out before the first step: when freed memory cannot be kept, {@code warmup} is called off and
     * large blocks go back to the system, or under tcmalloc the user is told how to have them returned. Returns what
     * changed or what to do, in a sentence for the user; empty when the model fits.
     */
    public Optional<String> apply(HeapWarmup warmup) {
        if (keepsFreedMemory()) {
            return Optional.empty();
        }
        warmup.cancel();
        String need = String.format(Locale.ROOT, "DL4J estimates %.1f GiB for training this model, more than %.0f%% "
                + "of the %.1f GiB available", estimatedBytes / GIB, 100 * USABLE_SHARE, availableBytes / GIB);
        if (!glibcHeap) {
            return Optional.of("Native memory: " + need + ". tcmalloc keeps freed memory for reuse (the paper's VGG16 "
                    + "at 224x224 peaked at 64% of DL4J's estimate); if the training runs out of memory, start it with "
                    + "`MALLOC_ARENA_MAX=1 GLIBC_TUNABLES=glibc.malloc.hugetlb=1` in the environment, which hands "
                    + "large temporaries back after each use (README: Backends and speed)");
        }
        return Optional.of(GlibcAllocator.returnLargeBlocks()
                ? "Native memory: " + need + ": large temporaries go back to the system after each use, which is "
                        + "slower than keeping them (README: Backends and speed)"
                : "Native memory: " + need + ", and glibc's allocator could not be told to return large temporaries; "
                        + "the training may run out of memory (README: Backends and speed)");
    }
}
