package dev.dl4jrunner.train;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.OptimizerType;
import dev.dl4jrunner.config.WeightInitScheme;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class NativeMemoryPlanTest {
    private static final long GIB = 1L << 30;
    private static final OptimizerConfig ADAM =
            new OptimizerConfig(OptimizerType.ADAM, 1e-4, 0.9, 0.999, 1e-7, 0.9, 0.9, 0);
    private static final InputConfig SMALL_INPUT = new InputConfig(64, 64, 3);
    private static final InputConfig PAPERS_INPUT = new InputConfig(224, 224, 3);

    @Test
    void dl4jsEstimateLandsNearThePeaksMeasuredWithTheLaunchersAllocator() {
        // Measured (docs/performance.md): vgg16-small peaked at 1.88-2.03 GiB, the paper's model at 18.96-19.36 GiB.
        long small = estimate(smallModel(), SMALL_INPUT, 32);
        long papers = estimate(papersModel(), PAPERS_INPUT, 32);

        assertThat(small).isBetween(15 * GIB / 10, 25 * GIB / 10);
        assertThat(papers).isBetween(16 * GIB, 22 * GIB);
        assertThat(estimate(smallModel(), SMALL_INPUT, 8)).as("a smaller batch").isLessThan(small);
    }

    @Test
    void aModelKeepsFreedMemoryOnlyWhereItsEstimateFitsNinetyPercentOfTheAvailableMemory() {
        assertThat(new NativeMemoryPlan(19 * GIB, 23 * GIB, true).keepsFreedMemory()).as("this project's machine")
                .isTrue();
        assertThat(new NativeMemoryPlan(19 * GIB, 15 * GIB, true).keepsFreedMemory()).as("a 16 GiB machine")
                .isFalse();
        assertThat(new NativeMemoryPlan(9 * GIB, 10 * GIB, true).keepsFreedMemory()).as("90% exactly").isTrue();
        assertThat(new NativeMemoryPlan(9 * GIB + 1, 10 * GIB, true).keepsFreedMemory()).isFalse();
        assertThat(new NativeMemoryPlan(2 * GIB, 15 * GIB, true).keepsFreedMemory()).isTrue();
    }

    @Test
    void aModelThatFitsChangesNothing() {
        HeapWarmup warmup = HeapWarmup.start(Optional.empty(), "model", 0, OptionalLong::empty);

        assertThat(new NativeMemoryPlan(2 * GIB, 15 * GIB, true).apply(warmup)).isEmpty();
    }

    @Test
    void aModelThatDoesNotFitCallsTheWarmupOffAndSaysWhatItChanged() {
        HeapWarmup warmup = HeapWarmup.start(Optional.empty(), "model", 0, OptionalLong::empty);

        Optional<String> change = new NativeMemoryPlan(19 * GIB, 15 * GIB, true).apply(warmup);

        assertThat(change).hasValueSatisfying(sentence -> assertThat(sentence)
                .contains("19.0 GiB", "15.0 GiB", "large temporaries go back to the system"));
        assertThat(warmup.plannedBytes()).isZero();
    }

    @Test
    void underTcmallocAModelThatDoesNotFitIsToldHowToHaveLargeTemporariesReturned() {
        HeapWarmup warmup = HeapWarmup.start(Optional.empty(), "model", 0, OptionalLong::empty);

        Optional<String> advice = new NativeMemoryPlan(19 * GIB, 15 * GIB, false).apply(warmup);

        assertThat(advice).hasValueSatisfying(sentence -> assertThat(sentence)
                .contains("19.0 GiB", "15.0 GiB", "MALLOC_ARENA_MAX=1 GLIBC_TUNABLES=glibc.malloc.hugetlb=1")
                .doesNotContain("large temporaries go back to the system"));
        assertThat(new NativeMemoryPlan(2 * GIB, 15 * GIB, false).apply(warmup)).isEmpty();
    }

    private static long estimate(ComputationGraphConfiguration graph, InputConfig input, int batch) {
        graph.setCacheMode(CacheMode.DEVICE);
        return NativeMemoryPlan.estimate(graph, input, batch).orElseThrow();
    }

    private static ComputationGraphConfiguration smallModel() {
        return Vgg16Factory.configure(new ModelConfig(List.of(100, 100), 0, true, WeightInitScheme.XAVIER), ADAM,
                SMALL_INPUT, 2, 1);
    }

    private static ComputationGraphConfiguration papersModel() {
        return Vgg16Factory.configure(new ModelConfig(List.of(4096, 4096), 0, false, WeightInitScheme.XAVIER), ADAM,
                PAPERS_INPUT, 2, 1);
    }
}
