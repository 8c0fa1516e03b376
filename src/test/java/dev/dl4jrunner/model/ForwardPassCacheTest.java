package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

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
}
