package dev.dl4jrunner.train;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Writes an array in the format of {@code Nd4j.write(INDArray, DataOutputStream)}, which {@code Nd4j.read} and
 * DL4J's {@code ModelSerializer} read back, converting the elements to big-endian a megabyte at a time instead of
 * one by one: 0.18 s instead of 0.6-0.8 s for the 45 million floats of the 64x64 model's weights and Adam moments.
 *
 * <p>The bytes are Nd4j's to the last one (a test compares them), with one exception no trained model has: a NaN is
 * written with its own bits where Nd4j writes Java's canonical NaN. Element types other than float and double are
 * left to Nd4j.
 */
final class ArrayBytes {
    private static final int CHUNK_BYTES = 1 << 20;

    private ArrayBytes() {
    }

    static void write(INDArray array, DataOutputStream out) throws IOException {
        DataType type = array.dataType();
        long bytes = array.length() * type.width();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || bytes > Integer.MAX_VALUE) {
            Nd4j.write(array, out);
            return;
        }
        // As Nd4j.write: a view's own shape information describes its place in a larger buffer, a copy's does not.
        INDArray whole = array.isView() ? array.dup() : array;
        whole.shapeInfoDataBuffer().write(out);
        DataBuffer data = whole.data();
        out.writeUTF(data.allocationMode().name());
        out.writeLong(data.length());
        out.writeUTF(type.name());
        ByteBuffer elements = data.asNio().order(ByteOrder.nativeOrder());
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.BIG_ENDIAN);
        if (type == DataType.FLOAT) {
            writeFloats(elements.asFloatBuffer(), chunk, out);
        } else {
            writeDoubles(elements.asDoubleBuffer(), chunk, out);
        }
    }

    private static void writeFloats(FloatBuffer elements, ByteBuffer chunk, DataOutputStream out) throws IOException {
        FloatBuffer bigEndian = chunk.asFloatBuffer();
        for (int from = 0; from < elements.limit(); from += bigEndian.capacity()) {
            int count = Math.min(bigEndian.capacity(), elements.limit() - from);
            bigEndian.clear();
            bigEndian.put(elements.slice(from, count));
            out.write(chunk.array(), 0, count * Float.BYTES);
        }
    }

    private static void writeDoubles(DoubleBuffer elements, ByteBuffer chunk, DataOutputStream out) throws IOException {
        DoubleBuffer bigEndian = chunk.asDoubleBuffer();
        for (int from = 0; from < elements.limit(); from += bigEndian.capacity()) {
            int count = Math.min(bigEndian.capacity(), elements.limit() - from);
            bigEndian.clear();
            bigEndian.put(elements.slice(from, count));
            out.write(chunk.array(), 0, count * Double.BYTES);
        }
    }
}
