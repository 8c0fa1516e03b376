package dev.dl4jrunner.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.DataSet;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Prepared images without labels, batch by batch, each batch with the files it holds: the input of
 * {@code evaluate} and {@code predict}. Batches come in the order of the files (DataVec reads a collection split in
 * order, and the prefetch thread keeps it); {@link #close()} stops the prefetch thread when not all were read.
 */
public final class ImageBatches implements AutoCloseable {
    private final List<Path> files;
    private final AsyncDataSetIterator batches;
    private int delivered;

    /**
     * One batch: the images' features, {@code [n, channels, height, width]}, and their files in the same order. The
     * features live in the prefetch thread's workspace: use them before asking for the next batch.
     */
    public record Batch(List<Path> files, INDArray features) {
    }

    ImageBatches(List<Path> files, AsyncDataSetIterator batches) {
        this.files = List.copyOf(files);
        this.batches = batches;
    }

    public boolean hasNext() {
        return batches != null && batches.hasNext();
    }

    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataSet batch = batches.next();
        int size = batch.numExamples();
        if (delivered + size > files.size()) {
            throw new IllegalStateException("The image reader returned more images than the " + files.size()
                    + " it was given");
        }
        List<Path> batchFiles = files.subList(delivered, delivered + size);
        delivered += size;
        return new Batch(batchFiles, batch.getFeatures());
    }

    /** How many images this gives in all. */
    public int size() {
        return files.size();
    }

    @Override
    public void close() {
        if (batches != null) {
            batches.shutdown();
        }
    }
}
