package dev.dl4jrunner.data;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TestImages;
import dev.dl4jrunner.config.AugmentConfig;
import dev.dl4jrunner.config.InputConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the training pipeline makes of the colour types real data sets mix: the picture they show, in [0, 1]. */
class ImageVariantsTest {
    @TempDir
    Path dir;

    @Test
    void sixteenBitAlphaAndCmykImagesTrainAsTheRgbPictureTheyShow() throws Exception {
        BufferedImage photo = TestImages.read(SharedData.trainDir().resolve("cat.0.jpg"));
        List<Path> files = List.of(
                TestImages.write(photo, "png", dir.resolve("rgb.png")),
                TestImages.write(TestImages.sixteenBitRgb(photo), "png", dir.resolve("rgb16.png")),
                TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_INT_ARGB, 200, 200), "png",
                        dir.resolve("alpha.png")),
                TestImages.cmykJpeg(photo, dir.resolve("cmyk.jpg")));

        List<INDArray> images = pipelineImages(files);

        INDArray rgb = images.get(0);
        assertThat(rgb.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0).isGreaterThan(0.9);
        // 16 bits: DataVec passes 0-65535 through; without the transform's scaling the pixels would reach 257.
        assertThat(maxDifference(images.get(1), rgb)).as("16-bit RGB").isLessThan(0.01);
        assertThat(maxDifference(images.get(2), rgb)).as("RGB with alpha").isLessThan(0.01);
        // JPEG compression changes pixels a little, colour conversion would change them a lot.
        assertThat(meanDifference(images.get(3), rgb)).as("CMYK JPEG").isLessThan(0.03);
    }

    @Test
    void grayscaleImagesOfEitherDepthArriveAsThreeEqualChannels() throws Exception {
        BufferedImage photo = TestImages.read(SharedData.trainDir().resolve("cat.0.jpg"));
        List<Path> files = List.of(
                TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_BYTE_GRAY, 200, 200), "png",
                        dir.resolve("gray.png")),
                TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_USHORT_GRAY, 200, 200), "png",
                        dir.resolve("gray16.png")));

        List<INDArray> images = pipelineImages(files);

        for (INDArray image : images) {
            assertThat(image.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0).isGreaterThan(0.5);
            INDArray first = image.get(NDArrayIndex.point(0));
            assertThat(maxDifference(image.get(NDArrayIndex.point(1)), first)).isZero();
            assertThat(maxDifference(image.get(NDArrayIndex.point(2)), first)).isZero();
        }
        // ImageIO's 8-bit and 16-bit grayscale differ slightly in gamma handling; both show the same picture.
        assertThat(meanDifference(images.get(1), images.get(0))).isLessThan(0.05);
    }

    /** Each file through the validation pipeline at 32x32x3, as [channels, height, width] in [0, 1]. */
    private static List<INDArray> pipelineImages(List<Path> files) {
        List<LabeledImage> images = files.stream().map(file -> new LabeledImage(file, 0)).toList();
        DatasetSplit split = new DatasetSplit(List.of("cat", "dog"), List.of(), images);
        DataSetIterator batches = new ImagePipeline(split, new InputConfig(32, 32, 3), AugmentConfig.NONE,
                files.size(), 1).validation();
        assertThat(batches.hasNext()).isTrue();
        INDArray features = batches.next().getFeatures();
        List<INDArray> result = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            result.add(features.get(NDArrayIndex.point(i)).dup());
        }
        return result;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }

    private static double meanDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).meanNumber().doubleValue();
    }
}
