package dev.dl4jrunner.data;

import dev.dl4jrunner.config.AugmentConfig;
import dev.dl4jrunner.config.InputConfig;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The walk-through's input pipeline on DataVec: an {@link ImageRecordReader} over one split's files decodes,
 * (augments,) resizes with anti-aliasing and scales pixels to [0, 1]; batches are prefetched on a background
 * thread while the network trains on the previous one. The training order is reshuffled every epoch,
 * deterministically from the seed and the epoch number.
 *
 * <p>Labels: one column of 0/1 for two classes (matching a single sigmoid output), one-hot otherwise.
 */
public final class ImagePipeline {
    private static final int PREFETCH_BATCHES = 2;

    private final DatasetSplit split;
    private final InputConfig input;
    private final AugmentConfig augment;
    private final int batchSize;
    private final long seed;
    private ReadAhead readAhead;

    /** An epoch whose batches are being read before the loop asks for them. */
    private record ReadAhead(int epoch, DataSetIterator batches) {
    }

    public ImagePipeline(DatasetSplit split, InputConfig input, AugmentConfig augment, int batchSize, long seed) {
        this.split = split;
        this.input = input;
        this.augment = augment;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Batches of the training split in epoch {@code epoch}'s order (1-based), augmented if configured. */
    public DataSetIterator trainingEpoch(int epoch) {
        if (readAhead != null && readAhead.epoch() == epoch) {
            DataSetIterator started = readAhead.batches();
            readAhead = null;
            return started;
        }
        // Augmentation draws are seeded per epoch too, so any epoch can be replayed on its own.
        return iterate(split.train(), augment, augmentationSeed(epoch), epoch);
    }

    /**
     * Starts reading epoch {@code epoch}'s training batches now, on the prefetch thread, for the next
     * {@link #trainingEpoch} of that epoch: the first batches are decoded while the caller builds the network.
     */
    public void readAhead(int epoch) {
        readAhead = new ReadAhead(epoch, trainingEpoch(epoch));
    }

    /** The training images in the order epoch {@code epoch} (1-based) reads them. */
    public List<LabeledImage> trainingOrder(int epoch) {
        List<LabeledImage> train = split.train();
        return Arrays.stream(EpochOrderSplit.order(train.size(), seed, epoch)).mapToObj(train::get).toList();
    }

    /** The seed of epoch {@code epoch}'s augmentation draws. */
    public long augmentationSeed(int epoch) {
        return Objects.hash("augment", seed, epoch);
    }

    /** Batches of the validation split in file order, never augmented. */
    public DataSetIterator validation() {
        return iterate(split.validation(), AugmentConfig.NONE, seed, 0);
    }

    public int trainingImages() {
        return split.train().size();
    }

    public int validationImages() {
        return split.validation().size();
    }

    public List<String> classes() {
        return split.classes();
    }

    public InputConfig input() {
        return input;
    }

    /** The training images' augmentation. */
    public AugmentConfig augment() {
        return augment;
    }

    private DataSetIterator iterate(List<LabeledImage> images, AugmentConfig augmentation, long transformSeed,
                                    int epoch) {
        List<String> classes = split.classes();
        EpochOrderSplit files = new EpochOrderSplit(images.stream().map(i -> i.path().toUri()).toList(), seed);
        if (epoch > 0) {
            files.useEpoch(epoch);
        }
        ImageRecordReader reader = reader(input, new SplitLabels(images, classes),
                new PrepareImageTransform(input.height(), input.width(), augmentation, transformSeed), files);
        reader.setLabels(classes);
        RecordReaderDataSetIterator batches = new RecordReaderDataSetIterator(reader, batchSize, 1, classes.size());
        batches.setPreProcessor(scaler(classes));
        return new AsyncDataSetIterator(batches, PREFETCH_BATCHES, true);
    }

    /**
     * Batches of {@code files}, without labels, in the order given, prepared exactly as validation images are
     * (decoded, resized to {@code input} with anti-aliasing, scaled to [0, 1], never augmented) and prefetched:
     * what {@code evaluate} and {@code predict} feed a trained network. The files should have passed the
     * {@link ImageCheck}.
     */
    public static ImageBatches unlabelled(List<Path> files, InputConfig input, int batchSize) {
        if (files.isEmpty()) {
            return new ImageBatches(files, null);
        }
        ImageRecordReader reader = reader(input, null,
                new PrepareImageTransform(input.height(), input.width(), AugmentConfig.NONE, 0),
                new CollectionInputSplit(files.stream().map(Path::toUri).toList()));
        RecordReaderDataSetIterator batches = new RecordReaderDataSetIterator(reader, batchSize);
        batches.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return new ImageBatches(files, new AsyncDataSetIterator(batches, PREFETCH_BATCHES, true));
    }

    /**
     * One batch of {@code images}, in the order given, prepared as training prepares them (decoded, augmented with
     * draws seeded by {@code transformSeed}, resized, scaled, labels as the network's output wants them), read on
     * the calling thread: what a Spark executor turns its share of an epoch into.
     */
    public static org.nd4j.linalg.dataset.DataSet batch(List<LabeledImage> images, List<String> classes, InputConfig input,
                                AugmentConfig augment, long transformSeed) {
        ImageRecordReader reader = reader(input, new SplitLabels(images, classes),
                new PrepareImageTransform(input.height(), input.width(), augment, transformSeed),
                new CollectionInputSplit(images.stream().map(i -> i.path().toUri()).toList()));
        reader.setLabels(classes);
        RecordReaderDataSetIterator batches = new RecordReaderDataSetIterator(reader, images.size(), 1,
                classes.size());
        batches.setPreProcessor(scaler(classes));
        return batches.next();
    }

    /** Pixels to [0, 1]; with two classes, the labels become the single column a sigmoid unit is trained on. */
    private static DataSetPreProcessor scaler(List<String> classes) {
        return classes.size() == 2
                ? new CompositeDataSetPreProcessor(new ImagePreProcessingScaler(0, 1), new SecondClassColumn())
                : new ImagePreProcessingScaler(0, 1);
    }

    /** The record reader every image goes through; {@code labels} is null for images without labels. */
    private static ImageRecordReader reader(InputConfig input, PathLabelGenerator labels,
                                            PrepareImageTransform transform, InputSplit files) {
        ImageRecordReader reader = labels == null
                ? new ImageRecordReader(input.height(), input.width(), input.channels(), transform)
                : new ImageRecordReader(input.height(), input.width(), input.channels(), labels, transform);
        try {
            reader.setLogLabelCountOnInit(false);
            reader.initialize(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader;
    }

    /** Keeps the probability column of the second class: the target of a single sigmoid unit. */
    private static final class SecondClassColumn implements DataSetPreProcessor {
        @Override
        public void preProcess(DataSet dataSet) {
            dataSet.setLabels(dataSet.getLabels().getColumn(1, true));
        }
    }
}
