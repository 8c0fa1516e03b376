package dev.dl4jrunner.train;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.launch.HugePages;
import dev.dl4jrunner.launch.NativeHeap;
import dev.dl4jrunner.launch.ProcessTuning;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Writes, on the second core while the backend loads, the graph is built and the first batch is decoded, the native
 * memory that the model's first training steps are about to take, so that they do not pay for it.
 *
 * <p>A training step's first touch of fresh memory is slow (at 64x64 the first two iterations add about 1.5 GB to
 * the heap; the first took 2.5-3.5 s against 1.1 s for later ones). Under the launcher's allocator settings a freed
 * block stays in the heap with its pages in memory (glibc's, or tcmalloc's), so one block written here and freed
 * before the first step is what the first steps' buffers are then cut from: the first step at 64x64 then took
 * 1.4-2.3 s with glibc, 2.1-2.6 s against 3.1-3.5 s with tcmalloc (docs/performance.md). The block is advised
 * huge pages ({@link HugePages}), which glibc asks for under the launcher's settings and tcmalloc does not: with them,
 * more of it is written in time, and the part the first step finds unwritten comes in 2 MiB pages (with tcmalloc, the
 * first step then took 1.8-2.1 s against 2.3-2.5 s).
 *
 * <p>How much: what the same model's first two steps added to the heap the first time it trained with this build
 * ({@link HeapNeeds}); that first run warms nothing and measures. A need above what the allocator keeps once freed,
 * above {@link #AT_MOST} or above half the memory available is not warmed at all: at 224x224 (15.2 GB) a partial
 * 3.94 GiB raised glibc's peak from 16.6 to 18.1 GiB, as the first steps filled the freed block unevenly, and that
 * model's peak already decides whether it fits a 16 GiB machine. Without the allocator settings, a runner jar, or on
 * another OS, nothing happens.
 */
public final class HeapWarmup {
    /** Written between checks whether the first step is about to start: about 15 ms of work. */
    private static final long PIECE = 64L << 20;
    /** The most warmed: what glibc keeps under the launcher's settings, and more than the 64x64 models measured need. */
    static final long AT_MOST = 4L << 30;

    private final Optional<HeapNeeds> needs;
    private final String model;
    private final long planned;
    private final Supplier<OptionalLong> heapExtent;
    private final Thread writer;
    private volatile boolean stopped;
    private boolean cancelled;
    private volatile long written;
    private OptionalLong heapBeforeFirstStep = OptionalLong.empty();
    private int steps;

    private HeapWarmup(Optional<HeapNeeds> needs, String model, long planned, Supplier<OptionalLong> heapExtent) {
        this.needs = needs;
        this.model = model;
        this.planned = planned;
        this.heapExtent = heapExtent;
        this.writer = new Thread(this::write, "heap-warmup");
        writer.setDaemon(true);
        if (planned > 0) {
            writer.start();
        }
    }

    /** Starts warming up for {@code config}'s model, if this process can keep warmed memory and knows how much. */
    public static HeapWarmup start(ExperimentConfig config) {
        long kept = NativeHeap.keptWhenFreed(System.getenv());
        Optional<HeapNeeds> needs = kept > 0 && NativeHeap.extent().isPresent()
                ? HeapNeeds.ofThisBuild() : Optional.empty();
        long limit = Math.min(Math.min(kept, AT_MOST) - PIECE, NativeHeap.available().orElse(0) / 2);
        return start(needs, model(config, System.getenv()), limit, NativeHeap::extent);
    }

    /**
     * Warms up what {@code needs} knows of {@code model} if that is at most {@code limit} bytes; if it knows nothing,
     * measures the model's need with {@code heapExtent}.
     */
    static HeapWarmup start(Optional<HeapNeeds> needs, String model, long limit, Supplier<OptionalLong> heapExtent) {
        long need = needs.map(known -> known.read(model)).orElse(OptionalLong.empty()).orElse(0);
        return new HeapWarmup(needs, model, need <= limit ? need : 0, heapExtent);
    }

    /**
     * What decides the memory of a training step: the shapes, the layers, the optimizer's state, the batch, what
     * layers keep for the backward pass, the workers, the threads of the backend, and the allocator that
     * {@code environment} sets up (at 64x64 the first steps grew glibc's heap by about 1.5 GB and tcmalloc's by
     * about 0.85).
     */
    static String model(ExperimentConfig config, Map<String, String> environment) {
        return String.join("; ", "input " + config.input(), "model " + config.model(),
                "optimizer " + config.optimizer().type(), "batch " + config.training().batchSize(),
                "forward pass cached " + config.training().cacheForwardPass(),
                "parallelism " + config.training().parallelism(),
                "processors " + Runtime.getRuntime().availableProcessors(),
                "allocator " + ProcessTuning.tunedAllocator(environment).orElse("untuned"));
    }

    /** The bytes this warm-up writes, unless the first step comes first; 0 when it writes nothing or was called off. */
    public long plannedBytes() {
        return cancelled ? 0 : planned;
    }

    /** The bytes written before the first step started; 0 when called off. */
    public long warmedBytes() {
        return cancelled ? 0 : written;
    }

    /**
     * Stops writing and frees what was written, so that the first step finds it; then notes the heap's extent,
     * which is what the first steps' growth is measured against.
     */
    public void beforeFirstStep() {
        stopped = true;
        if (planned > 0) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heapBeforeFirstStep = heapExtent.get();
    }

    /**
     * Stops writing, frees what was written, and measures nothing: for a process whose allocator no longer keeps
     * freed memory ({@link NativeMemoryPlan}), where neither the warm-up nor the measure would mean anything.
     */
    public void cancel() {
        cancelled = true;
        beforeFirstStep();
    }

    /** After the second training step: measures what the first two added to the heap, unless it was known. */
    public void afterSecondStep() {
        if (cancelled || planned > 0 || needs.isEmpty() || heapBeforeFirstStep.isEmpty()) {
            return;
        }
        OptionalLong now = heapExtent.get();
        long growth = now.orElse(0) - heapBeforeFirstStep.getAsLong();
        if (now.isPresent() && growth > 0) {
            needs.get().write(model, growth);
        }
    }

    /** {@code fitter}, with this warm-up released before its first step and measured after its second. */
    BatchFitter around(BatchFitter fitter) {
        return new BatchFitter() {
            @Override
            public int batchesPerStep() {
                return fitter.batchesPerStep();
            }

            @Override
            public BatchTally.Sums fit(List<DataSet> batches, int epoch, int firstBatch) {
                if (steps == 0) {
                    beforeFirstStep();
                }
                BatchTally.Sums sums = fitter.fit(batches, epoch, firstBatch);
                if (++steps == 2) {
                    afterSecondStep();
                }
                return sums;
            }
        };
    }

    /** One block, written a piece at a time until done or stopped, then freed into the heap. */
    private void write() {
        long address = Native.malloc(planned);
        if (address == 0) {
            return;
        }
        try {
            HugePages.advise(address, planned);
            Pointer block = new Pointer(address);
            for (long offset = 0; offset < planned && !stopped; offset += PIECE) {
                long length = Math.min(PIECE, planned - offset);
                block.setMemory(offset, length, (byte) 0);
                written += length;
            }
        } finally {
            Native.free(address);
        }
    }
}
