package dev.dl4jrunner;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Writes the image variants real data sets contain, made with ImageIO from the real sample images. */
public final class TestImages {
    private TestImages() {
    }

    public static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("No ImageIO writer for " + format);
        }
        return file;
    }

    /** {@code image} drawn into a new image of {@code type} and size, e.g. TYPE_INT_ARGB or TYPE_BYTE_GRAY. */
    public static BufferedImage redraw(BufferedImage image, int type, int width, int height) {
        BufferedImage copy = new BufferedImage(width, height, type);
        Graphics2D graphics = copy.createGraphics();
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return copy;
    }

    /** 16 bits per sample, RGB: each 8-bit value v becomes v * 257, so 255 becomes 65535. */
    public static BufferedImage sixteenBitRgb(BufferedImage image) {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                raster.setPixel(x, y,
                        new int[] {(rgb >> 16 & 0xff) * 257, (rgb >> 8 & 0xff) * 257, (rgb & 0xff) * 257});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * A 4-component (CMYK) JPEG of {@code image}. ImageIO writes a 4-band raster as 4 components without an Adobe
     * marker, which decoders read as CMYK; the values are stored inverted, as Photoshop does and OpenCV expects,
     * with no black: (255 - C, 255 - M, 255 - Y, 255 - K) = (R, G, B, 255).
     */
    public static Path cmykJpeg(BufferedImage image, Path file) throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, image.getWidth(), image.getHeight(),
                4, null);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                cmyk.setPixel(x, y, new int[] {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, 255});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return file;
    }

    /**
     * A valid black 1-bit PNG of {@code side} x {@code side} pixels that compresses to a few kilobytes: a
     * decompression bomb (20000 gives 400 megapixels in about 50 KB).
     */
    public static Path pngBomb(Path file, int side) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] row = new byte[1 + (side + 7) / 8]; // filter byte 0, then zero bits
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int y = 0; y < side; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 1).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return Files.write(file, png.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
