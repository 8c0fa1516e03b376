package dev.dl4jrunner.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayBytesTest {

    @Test
    void aFloatArrayLongerThanOneChunkIsWrittenAsNd4jWritesIt() throws IOException {
        INDArray weights = Nd4j.rand(DataType.FLOAT, 3, 200_001).subi(0.5);
        assertSameBytesAndReadBack(weights);
    }

    @Test
    void aViewIsWrittenAsItsOwnArrayNotAsTheBufferItLivesIn() throws IOException {
        INDArray all = Nd4j.rand(DataType.FLOAT, 1, 700_000);
        INDArray view = all.get(NDArrayIndex.point(0), NDArrayIndex.interval(123, 600_123));
        assertTrue(view.isView());
        assertSameBytesAndReadBack(view);
    }

    @Test
    void doublesAndOtherTypesAreWrittenAsNd4jWritesThem() throws IOException {
        assertSameBytesAndReadBack(Nd4j.rand(DataType.DOUBLE, 5, 70_003));
        assertSameBytesAndReadBack(Nd4j.arange(0, 1000).castTo(DataType.INT));
        assertSameBytesAndReadBack(Nd4j.rand(DataType.FLOAT, 2, 3).castTo(DataType.HALF));
    }

    @Test
    void aSingleElementArrayIsWrittenAsNd4jWritesIt() throws IOException {
        assertSameBytesAndReadBack(Nd4j.scalar(DataType.FLOAT, 2.5f).reshape(1, 1));
    }

    private static void assertSameBytesAndReadBack(INDArray array) throws IOException {
        byte[] ours = bytes(array, true);
        assertArrayEquals(bytes(array, false), ours);
        INDArray read = Nd4j.read(new DataInputStream(new ByteArrayInputStream(ours)));
        assertEquals(array, read);
    }

    private static byte[] bytes(INDArray array, boolean ours) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (ours) {
                ArrayBytes.write(array, out);
            } else {
                Nd4j.write(array, out);
            }
        }
        return bytes.toByteArray();
    }
}
