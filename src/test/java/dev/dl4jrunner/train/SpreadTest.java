package dev.dl4jrunner.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpreadTest {

    @Test
    void isTheSampleStandardDeviationEvenFarFromZero() {
        INDArray values = Nd4j.createFromArray(1000.5f, 1001.5f, 1002.5f, 1003.5f, 1004.5f);
        // Deviations -2..2: squares sum to 10, over n - 1 = 4.
        assertThat(Spread.standardDeviation(values)).isCloseTo(Math.sqrt(2.5), within(1e-9));
    }

    @Test
    void aContiguousPartOfALargerBufferIsReadFromItsOwnOffset() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 1, 100_003);
        INDArray part = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(50_000, 100_003));
        assertThat(part.offset()).isPositive();
        assertThat(Spread.standardDeviation(part)).isCloseTo(reference(part), within(1e-9));
    }

    @Test
    void stridedViewsOtherTypesAndSingleValuesAreNd4jsToCompute() {
        INDArray strided = Nd4j.rand(DataType.FLOAT, 300, 400).getColumn(7);
        INDArray doubles = Nd4j.rand(DataType.DOUBLE, 50, 20);
        INDArray single = Nd4j.scalar(3f).reshape(1, 1);
        for (INDArray array : new INDArray[]{strided, doubles, single}) {
            assertThat(Spread.standardDeviation(array)).isEqualTo(array.stdNumber().doubleValue());
        }
    }

    @Test
    void keepsEachArraysNameAndOrderAndSkipsMissingOnes() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("b", Nd4j.createFromArray(1f, 3f));
        arrays.put("missing", null);
        arrays.put("a", Nd4j.createFromArray(2f, 2f, 2f));
        assertThat(Spread.of(arrays)).containsExactly(Map.entry("b", Math.sqrt(2)), Map.entry("a", 0.0));
    }

    private static double reference(INDArray array) {
        double[] values = array.castTo(DataType.DOUBLE).data().asDouble();
        double mean = 0;
        for (double value : values) {
            mean += value / values.length;
        }
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
