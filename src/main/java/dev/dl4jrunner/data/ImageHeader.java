package dev.dl4jrunner.data;

/**
 * What an image file's header says: format, size and colour type, read without decoding a pixel, so that a
 * decompression bomb is refused before a decoder allocates memory for it.
 */
public record ImageHeader(ImageFormat format, int width, int height, ColorType colorType) {

    public long pixels() {
        return (long) width * height;
    }
}
