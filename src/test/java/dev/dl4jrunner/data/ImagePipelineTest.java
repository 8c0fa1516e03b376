package dev.dl4jrunner.data;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.config.AugmentConfig;
import dev.dl4jrunner.config.BadImagePolicy;
import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;
import dev.dl4jrunner.config.InputConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePipelineTest {
    static DatasetSplit sample(int perClass) throws DatasetException {
        DataConfig data = new DataConfig(SharedData.trainDir(), DataLayout.AUTO, List.of(), 0.8,
                OptionalInt.of(perClass), BadImagePolicy.SKIP, AugmentConfig.NONE);
        return DatasetSplit.stratified(ImageDataset.discover(data), 0.8, OptionalInt.of(perClass), 42);
    }

    @Test
    void batchesHaveTheInputShapePixelsInUnitRangeAndOneBinaryLabelColumn() throws Exception {
        DatasetSplit split = sample(20);
        ImagePipeline pipeline = new ImagePipeline(split, new InputConfig(32, 40, 3),
                new AugmentConfig(true, 0.1), 8, 42);

        DataSetIterator epoch = pipeline.trainingEpoch(1);
        int images = 0;
        List<Double> labels = new ArrayList<>();
        while (epoch.hasNext()) {
            DataSet batch = epoch.next();
            assertThat(batch.getFeatures().shape()).containsExactly(batch.numExamples(), 3, 32, 40);
            assertThat(batch.getFeatures().minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
            assertThat(batch.getFeatures().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0).isGreaterThan(0.5);
            assertThat(batch.getLabels().shape()).containsExactly(batch.numExamples(), 1);
            for (int i = 0; i < batch.numExamples(); i++) {
                labels.add(batch.getLabels().getDouble(i, 0));
            }
            images += batch.numExamples();
        }
        assertThat(images).isEqualTo(32);
        assertThat(labels).containsOnly(0.0, 1.0);
        assertThat(labels.stream().filter(l -> l == 1.0).count()).isEqualTo(16);
    }

    @Test
    void moreThanTwoClassesGetOneHotLabelsInTheConfiguredClassOrder(@TempDir Path dir) throws Exception {
        List<String> classes = List.of("dog", "cat", "bird");
        for (String name : classes) {
            Path folder = Files.createDirectories(dir.resolve(name));
            String source = name.equals("bird") ? "cat" : name;
            for (int i = 0; i < 4; i++) {
                Files.copy(SharedData.trainDir().resolve(source + "." + i + ".jpg"), folder.resolve(i + ".jpg"));
            }
        }
        DataConfig data = new DataConfig(dir, DataLayout.AUTO, classes, 0.5, OptionalInt.empty(), BadImagePolicy.SKIP,
                AugmentConfig.NONE);
        DatasetSplit split = DatasetSplit.stratified(ImageDataset.discover(data), 0.5, OptionalInt.empty(), 1);
        ImagePipeline pipeline = new ImagePipeline(split, new InputConfig(32, 32, 1), AugmentConfig.NONE, 6, 1);

        DataSetIterator validation = pipeline.validation();
        assertThat(validation.hasNext()).isTrue();
        DataSet batch = validation.next();
        assertThat(batch.getFeatures().shape()).containsExactly(6, 1, 32, 32);
        assertThat(batch.getLabels().shape()).containsExactly(6, 3);
        assertThat(batch.getLabels().sum(0).toDoubleVector()).containsExactly(2.0, 2.0, 2.0);
        // Validation keeps split order: the first two images are dogs, the class listed first.
        assertThat(batch.getLabels().getRow(0).toDoubleVector()).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void unlabelledBatchesAreTheValidationImagesPreparedTheSameWayWithTheirFiles() throws Exception {
        DatasetSplit split = sample(10);
        InputConfig input = new InputConfig(32, 32, 3);
        DataSetIterator validation = new ImagePipeline(split, input, new AugmentConfig(true, 0.2), 3, 42).validation();
        List<Path> files = split.validation().stream().map(LabeledImage::path).toList();

        List<Path> seen = new ArrayList<>();
        try (ImageBatches unlabelled = ImagePipeline.unlabelled(files, input, 3)) {
            while (unlabelled.hasNext()) {
                ImageBatches.Batch batch = unlabelled.next();
                assertThat(validation.hasNext()).isTrue(); // an AsyncDataSetIterator's next() needs it first
                DataSet expected = validation.next();
                assertThat(batch.features()).isEqualTo(expected.getFeatures());
                seen.addAll(batch.files());
            }
        }
        assertThat(validation.hasNext()).isFalse();
        assertThat(seen).isEqualTo(files);
    }

    @Test
    void eachEpochHasItsOwnReproducibleOrder() throws Exception {
        ImagePipeline pipeline = new ImagePipeline(sample(20), new InputConfig(32, 32, 3), AugmentConfig.NONE, 32, 7);

        List<Double> first = labelOrder(pipeline.trainingEpoch(1));
        assertThat(labelOrder(pipeline.trainingEpoch(1))).isEqualTo(first);
        assertThat(labelOrder(pipeline.trainingEpoch(2))).isNotEqualTo(first);
    }

    @Test
    void anEpochReadAheadIsReadBeforeItIsAskedForAndGivenOnce(@TempDir Path dir) throws Exception {
        SharedData.copyTrainImages(dir, 4);
        DataConfig data = new DataConfig(dir, DataLayout.AUTO, List.of(), 0.5, OptionalInt.empty(), BadImagePolicy.SKIP,
                AugmentConfig.NONE);
        ImagePipeline pipeline = new ImagePipeline(DatasetSplit.stratified(ImageDataset.discover(data), 0.5,
                OptionalInt.empty(), 42), new InputConfig(32, 32, 3), new AugmentConfig(true, 0.2), 8, 7);
        DataSet expected = first(pipeline.trainingEpoch(2));

        pipeline.readAhead(2);
        Thread.sleep(3000);
        try (var images = Files.list(dir)) {
            for (Path image : images.toList()) {
                Files.write(image, new byte[] {1, 2, 3});
            }
        }
        DataSetIterator readAhead = pipeline.trainingEpoch(2);

        assertThat(first(readAhead).getFeatures()).as("decoded before the files changed")
                .isEqualTo(expected.getFeatures());
        assertThatThrownBy(() -> first(pipeline.trainingEpoch(2)))
                .as("a later pass over the epoch reads the files anew").hasStackTraceContaining("Could not decode image");
    }

    private static DataSet first(DataSetIterator iterator) {
        assertThat(iterator.hasNext()).isTrue();
        return iterator.next();
    }

    private static List<Double> labelOrder(DataSetIterator iterator) {
        List<Double> labels = new ArrayList<>();
        assertThat(iterator.hasNext()).isTrue();
        DataSet batch = iterator.next();
        for (int i = 0; i < batch.numExamples(); i++) {
            labels.add(batch.getLabels().getDouble(i, 0));
        }
        return labels;
    }
}
