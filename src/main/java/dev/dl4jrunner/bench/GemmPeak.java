package dev.dl4jrunner.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The single-precision matrix-product rate of this backend: the practical peak a network's arithmetic can reach. */
final class GemmPeak {
    private static final int SIZE = 2048;

    private GemmPeak() {
    }

    /** GFLOP/s of a 2048x2048 by 2048x2048 product, median of 5 after 2 warm-up products. */
    static double measure() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        Timings timings = new Timings(5);
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= 2) {
                timings.add(seconds);
            }
        }
        return 2.0 * SIZE * SIZE * SIZE / timings.median() / 1e9;
    }
}
