package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardPassCacheTest {
    @BeforeAll
    static void helpersOn() {
        Backend.enableLayerHelpers();
    }

    @Test
    void keepingTheForwardPassTrainsToExactlyTheSameWeights() {
        ComputationGraph kept = ForwardPassCache.apply(Vgg16FactoryTest.vgg(32, List.of(16), true, 2), true);
        ComputationGraph recomputed = ForwardPassCache.apply(Vgg16FactoryTest.vgg(32, List.of(16), true, 2), false);
        assertThat(kept.getConfiguration().getCacheMode()).isEqualTo(CacheMode.DEVICE);
        assertThat(recomputed.getConfiguration().getCacheMode()).isEqualTo(CacheMode.NONE);

        for (int i = 0; i < 3; i++) {
            Nd4j.getRandom().setSeed(i);
            DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32),
                    Nd4j.rand(DataType.FLOAT, 8, 1).gt(0.5).castTo(DataType.FLOAT));
            kept.fit(batch);
            recomputed.fit(batch);
        }
        assertThat(kept.score()).isEqualTo(recomputed.score());
        assertThat(kept.params()).isEqualTo(recomputed.params());
    }

    @Test
    void convolutionsBeforeABatchNormalizationKeepNoCopyOfTheirOutput() throws Exception {
        long reusing = activationWorkspaceBytes(() -> ForwardPassCache.apply(
                Vgg16FactoryTest.vgg(32, List.of(16), true, 2), true));
        long copying = activationWorkspaceBytes(() -> {
            ComputationGraph graph = Vgg16FactoryTest.vgg(32, List.of(16), true, 2);
            graph.getConfiguration().setCacheMode(CacheMode.DEVICE);
            graph.setCacheMode(CacheMode.DEVICE);
            return graph;
        });
        // The 13 convolutions' outputs at 32x32: 276,480 floats per image, 8 images.
        long convolutionOutputs = 276_480L * 8 * Float.BYTES;
        assertThat(copying - reusing).isGreaterThan(convolutionOutputs * 9 / 10);
    }

    @Test
    void theModelsOwnListenerIsPutOnOnceAndOffWhenNotKeeping() {
        ComputationGraph graph = Vgg16FactoryTest.vgg(32, List.of(16), true, 2);
        ForwardPassCache.apply(graph, true);
        ForwardPassCache.apply(graph, true);
        assertThat(ForwardPassCache.listenersOf(graph)).hasSize(1);
        ForwardPassCache.apply(graph, false);
        assertThat(graph.getListeners()).isEmpty();

        ComputationGraph plain = ForwardPassCache.apply(Vgg16FactoryTest.vgg(32, List.of(16), false, 2), true);
        assertThat(ForwardPassCache.listenersOf(plain)).isEmpty();
    }

    /**
     * The size DL4J's workspace of all layers' activations (where the forward-pass copies go too) settles at, after
     * two steps on a thread of its own: workspaces belong to a thread, and the second step allocates what the first
     * measured.
     */
    static long activationWorkspaceBytes(Callable<ComputationGraph> model) throws Exception {
        return workspaceBytes(model, List.of("WS_ALL_LAYERS_ACT"));
    }

    /** The sizes of DL4J's named workspaces after two training steps of {@code model} on a batch of 8, summed. */
    static long workspaceBytes(Callable<ComputationGraph> model, List<String> workspaces) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> {
                ComputationGraph graph = model.call();
                Nd4j.getRandom().setSeed(1);
                DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32),
                        Nd4j.rand(DataType.FLOAT, 8, 1).gt(0.5).castTo(DataType.FLOAT));
                graph.fit(batch);
                graph.fit(batch);
                long bytes = 0;
                for (String name : workspaces) {
                    bytes += Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(name).getCurrentSize();
                }
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                return bytes;
            }).get();
        } finally {
            thread.shutdown();
        }
    }
}
