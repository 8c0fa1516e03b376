package dev.dl4jrunner.train;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.launch.JarBuild;
import dev.dl4jrunner.launch.ProcessTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class HeapWarmupTest {
    private static final long MIB = 1L << 20;
    private static final Map<String, String> TCMALLOC = Map.of(ProcessTuning.LD_PRELOAD,
            "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", ProcessTuning.TCMALLOC_RELEASE_RATE, "0");
    private static final Map<String, String> GLIBC_TUNED = ProcessTuning.ALLOCATOR;

    @TempDir
    Path temp;

    @Test
    void theFirstRunOfAModelWarmsNothingAndMeasuresWhatItsFirstTwoStepsAddedToTheHeap() throws IOException {
        HeapNeeds needs = needs();
        HeapWarmup warmup = HeapWarmup.start(Optional.of(needs), "model", Long.MAX_VALUE,
                extents(100 * MIB, 1600 * MIB));
        CountingFitter steps = new CountingFitter();
        BatchFitter fitter = warmup.around(steps);

        assertThat(warmup.plannedBytes()).isZero();
        fitter.fit(List.of(), 1, 0);
        fitter.fit(List.of(), 1, 1);
        fitter.fit(List.of(), 1, 2);

        assertThat(steps.count).isEqualTo(3);
        assertThat(needs.read("model")).hasValue(1500 * MIB);
    }

    @Test
    void aLaterRunWritesTheMeasuredMemoryBeforeItsFirstStepAndKeepsTheMeasurement() throws Exception {
        HeapNeeds needs = needs();
        needs.write("model", 96 * MIB);
        HeapWarmup warmup = HeapWarmup.start(Optional.of(needs), "model", Long.MAX_VALUE,
                extents(3000 * MIB, 3200 * MIB));
        assertThat(warmup.plannedBytes()).isEqualTo(96 * MIB);
        for (long waited = 0; warmup.warmedBytes() < 96 * MIB && waited < 30_000; waited += 10) {
            Thread.sleep(10);
        }

        BatchFitter fitter = warmup.around(new CountingFitter());
        fitter.fit(List.of(), 1, 0);
        fitter.fit(List.of(), 1, 1);

        assertThat(warmup.warmedBytes()).isEqualTo(96 * MIB);
        assertThat(needs.read("model")).as("measured once per build").hasValue(96 * MIB);
    }

    @Test
    void theFirstStepStopsTheWriting() throws IOException {
        HeapNeeds needs = needs();
        needs.write("model", 256 * MIB);

        HeapWarmup warmup = HeapWarmup.start(Optional.of(needs), "model", 256 * MIB, OptionalLong::empty);
        warmup.beforeFirstStep();

        assertThat(warmup.plannedBytes()).isEqualTo(256 * MIB);
        assertThat(warmup.warmedBytes()).isLessThanOrEqualTo(256 * MIB);
    }

    @Test
    void aWarmupCalledOffBeforeTheFirstStepReportsNothingWrittenAndMeasuresNothing() throws Exception {
        HeapNeeds needs = needs();
        needs.write("known", 64 * MIB);
        HeapWarmup known = HeapWarmup.start(Optional.of(needs), "known", Long.MAX_VALUE, OptionalLong::empty);
        HeapWarmup unknown = HeapWarmup.start(Optional.of(needs), "unknown", Long.MAX_VALUE,
                extents(100 * MIB, 1600 * MIB));

        known.cancel();
        unknown.cancel();
        BatchFitter fitter = unknown.around(new CountingFitter());
        fitter.fit(List.of(), 1, 0);
        fitter.fit(List.of(), 1, 1);

        assertThat(known.plannedBytes()).isZero();
        assertThat(known.warmedBytes()).isZero();
        assertThat(needs.read("unknown")).as("a step under another allocator is not this model's need").isEmpty();
    }

    @Test
    void aNeedAboveTheLimitOrUnknownToThisProcessIsNotWarmedAtAll() throws IOException {
        HeapNeeds needs = needs();
        needs.write("model", 15L << 30);

        assertThat(HeapWarmup.start(Optional.of(needs), "model", 4L << 30, OptionalLong::empty).plannedBytes())
                .as("a partial warm-up raised a large model's peak").isZero();
        assertThat(HeapWarmup.start(Optional.empty(), "model", Long.MAX_VALUE, OptionalLong::empty).plannedBytes())
                .as("outside a runner jar or without the launcher's allocator").isZero();
    }

    @Test
    void whatTheMemoryOfAStepDependsOnTellsModelsApart() throws Exception {
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        ExperimentConfig config = ExperimentLoader.load(yaml, List.of(), temp);

        String model = HeapWarmup.model(config, TCMALLOC);

        assertThat(HeapWarmup.model(ExperimentLoader.load(yaml, List.of("optimizer.learning_rate=0.1"), temp),
                TCMALLOC)).as("the learning rate").isEqualTo(model);
        assertThat(HeapWarmup.model(ExperimentLoader.load(yaml, List.of("training.epochs=3"), temp), TCMALLOC))
                .as("the epochs").isEqualTo(model);
        for (String change : List.of("training.batch_size=16", "input.shape=[64, 64, 3]", "model.dense=[16]",
                "model.batch_norm=false", "optimizer.type=sgd", "training.cache_forward_pass=false",
                "training.workers=2")) {
            assertThat(HeapWarmup.model(ExperimentLoader.load(yaml, List.of(change), temp), TCMALLOC)).as(change)
                    .isNotEqualTo(model);
        }
        assertThat(HeapWarmup.model(config, GLIBC_TUNED)).as("the allocator").isNotEqualTo(model);
    }

    private HeapNeeds needs() throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), "a jar");
        return new HeapNeeds(temp.resolve("cache"), JarBuild.of(jar.toString()).orElseThrow());
    }

    /** The heap's extent before the first step, then after the second. */
    private static Supplier<OptionalLong> extents(long... bytes) {
        Deque<Long> values = new ArrayDeque<>();
        for (long value : bytes) {
            values.add(value);
        }
        return () -> OptionalLong.of(values.size() > 1 ? values.poll() : values.peek());
    }

    private static final class CountingFitter implements BatchFitter {
        int count;

        @Override
        public int batchesPerStep() {
            return 1;
        }

        @Override
        public BatchTally.Sums fit(List<DataSet> batches, int epoch, int firstBatch) {
            count++;
            return new BatchTally.Sums(0, 0, 0);
        }
    }
}
