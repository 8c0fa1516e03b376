package dev.dl4jrunner.data;

import dev.dl4jrunner.config.AugmentConfig;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Brings a decoded image to the network's input size: 8 bits per sample, optional random crop and horizontal flip
 * (training only), then an anti-aliased resize, as the walk-through's {@code tf.image.resize(antialias=True)}.
 *
 * <p>DataVec decodes with {@code IMREAD_ANYDEPTH}, so a 16-bit PNG arrives with values up to 65535, and the
 * pipeline's 8-bit scaler would turn them into up to 257 instead of at most 1; dividing by 257 maps 65535 to 255.
 *
 * <p>DataVec's own resize is bilinear without anti-aliasing, which aliases badly when shrinking 200x200 photos
 * to 32x32; area interpolation averages the pixels instead. Its random generator is private to the transform:
 * DataVec's {@code PipelineImageTransform} would reseed ND4J's global generator, which dropout also uses.
 */
final class PrepareImageTransform extends BaseImageTransform<Mat> {
    private final int height;
    private final int width;
    private final AugmentConfig augment;

    PrepareImageTransform(int height, int width, AugmentConfig augment, long seed) {
        super(new Random(seed));
        this.height = height;
        this.width = width;
        this.augment = augment;
        this.converter = new OpenCVFrameConverter.ToMat();
    }

    @Override
    protected ImageWritable doTransform(ImageWritable image, Random random) {
        if (image == null) {
            return null;
        }
        Mat mat = converter.convert(image.getFrame());
        if (mat.depth() == CV_16U) {
            Mat eightBits = new Mat();
            mat.convertTo(eightBits, CV_8U, 1.0 / 257, 0);
            mat = eightBits;
        }
        if (augment.randomCrop() > 0) {
            mat = randomCrop(mat, random);
        }
        if (augment.horizontalFlip() && random.nextBoolean()) {
            Mat flipped = new Mat();
            flip(mat, flipped, 1);
            mat = flipped;
        }
        if (mat.rows() != height || mat.cols() != width) {
            boolean shrinking = mat.rows() > height || mat.cols() > width;
            Mat resized = new Mat();
            resize(mat, resized, new Size(width, height), 0, 0, shrinking ? INTER_AREA : INTER_LINEAR);
            mat = resized;
        }
        return new ImageWritable(converter.convert(mat));
    }

    private Mat randomCrop(Mat mat, Random random) {
        int maxRows = (int) (mat.rows() * augment.randomCrop());
        int maxCols = (int) (mat.cols() * augment.randomCrop());
        int top = random.nextInt(maxRows + 1);
        int bottom = random.nextInt(maxRows + 1);
        int left = random.nextInt(maxCols + 1);
        int right = random.nextInt(maxCols + 1);
        return mat.apply(new Rect(left, top, mat.cols() - left - right, mat.rows() - top - bottom));
    }
}
