package dev.dl4jrunner.data;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising JPEG and PNG by content, and telling a whole file from a truncated one. */
class ImageFormatTest {
    @TempDir
    Path dir;

    @Test
    void aJpegIsCompleteUpToItsEndMarkerWhateverFollows() throws IOException {
        byte[] jpeg = Files.readAllBytes(SharedData.trainDir().resolve("cat.1.jpg"));

        assertThat(ImageFormat.of(jpeg)).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.JPEG.isComplete(jpeg)).isTrue();
        assertThat(ImageFormat.JPEG.isComplete(Arrays.copyOf(jpeg, jpeg.length / 2))).isFalse();
        assertThat(ImageFormat.JPEG.isComplete(Arrays.copyOf(jpeg, jpeg.length - 2))).isFalse();
        // Cameras append data after the image (a second picture, a video); decoders stop at the first end marker.
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 4);
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xda, 0x00, 0x08}, 0, trailing, jpeg.length, 4);
        assertThat(ImageFormat.JPEG.isComplete(trailing)).isTrue();
    }

    @Test
    void aProgressiveJpegIsWalkedScanByScan() throws IOException {
        byte[] jpeg = progressiveJpeg();

        assertThat(ImageFormat.JPEG.isComplete(jpeg)).isTrue();
        assertThat(ImageFormat.JPEG.isComplete(Arrays.copyOf(jpeg, jpeg.length * 3 / 4))).isFalse();
    }

    @Test
    void aPngIsCompleteUpToItsIendChunk() throws IOException {
        Path file = TestImages.write(TestImages.read(SharedData.trainDir().resolve("cat.1.jpg")), "png",
                dir.resolve("cat.png"));
        byte[] png = Files.readAllBytes(file);

        assertThat(ImageFormat.of(png)).contains(ImageFormat.PNG);
        assertThat(ImageFormat.PNG.isComplete(png)).isTrue();
        assertThat(ImageFormat.PNG.isComplete(Arrays.copyOf(png, png.length - 12))).isFalse();
        assertThat(ImageFormat.PNG.isComplete(Arrays.copyOf(png, png.length + 100))).isTrue();
    }

    @Test
    void theHeaderGivesSizeAndColourTypeWithoutDecoding() throws IOException {
        BufferedImage photo = TestImages.read(SharedData.trainDir().resolve("cat.1.jpg"));

        assertThat(header(SharedData.trainDir().resolve("cat.1.jpg"))).hasToString("JPEG 200x200 RGB");
        assertThat(header(TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_BYTE_GRAY, 150, 100), "jpg",
                dir.resolve("gray.jpg")))).hasToString("JPEG 150x100 grayscale");
        assertThat(header(TestImages.cmykJpeg(photo, dir.resolve("cmyk.jpg")))).hasToString("JPEG 200x200 CMYK");
        assertThat(header(TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_INT_ARGB, 200, 200), "png",
                dir.resolve("alpha.png")))).hasToString("PNG 200x200 RGB with alpha");
        assertThat(header(TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_USHORT_GRAY, 200, 200), "png",
                dir.resolve("gray16.png")))).hasToString("PNG 200x200 16-bit grayscale");
        assertThat(header(TestImages.pngBomb(dir.resolve("bomb.png"), 20000)))
                .hasToString("PNG 20000x20000 1-bit grayscale");
    }

    @Test
    void otherContentIsNamed() {
        assertThat(ImageFormat.of("GIF89a...".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageFormat.describeOther("GIF89a...".getBytes(StandardCharsets.US_ASCII))).isEqualTo("a GIF image");
        assertThat(ImageFormat.describeOther("hello, world\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("text");
        assertThat(ImageFormat.describeOther(new byte[] {0, 1, 2, (byte) 0xfe})).isEqualTo("an unknown format");
    }

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ImageHeader header = ImageFormat.of(bytes).orElseThrow().readHeader(bytes);
        return header.format() + " " + header.width() + "x" + header.height() + " " + header.colorType();
    }

    private byte[] progressiveJpeg() throws IOException {
        Path file = dir.resolve("progressive.jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(TestImages.read(SharedData.trainDir().resolve("cat.1.jpg")), null, null),
                    param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = Files.readAllBytes(file);
        int scans = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                scans++;
            }
        }
        assertThat(scans).as("scans").isGreaterThan(1);
        return jpeg;
    }
}
