package dev.dl4jrunner.data;

/**
 * How an image file stores its pixels: the channels and the bits per sample, as its header declares them.
 *
 * <p>What training makes of each, found by decoding test files with DataVec's {@code NativeImageLoader}
 * (OpenCV 4.5.5, {@code IMREAD_ANYDEPTH | IMREAD_ANYCOLOR}): grayscale arrives as 1 channel and is repeated into
 * 3 (or stays 1 for a 1-channel input shape); alpha is dropped; palette PNGs are expanded to RGB; a CMYK (or
 * YCCK) JPEG is converted to 3-channel colour by OpenCV, assuming Adobe's inverted CMYK, the way Photoshop writes
 * it; 16-bit PNGs keep their 0-65535 values, which {@link PrepareImageTransform} scales down to 8 bits.
 */
public record ColorType(Channels channels, int bitsPerSample) {
    /** The colour channels an image file declares. */
    public enum Channels {
        GRAYSCALE("grayscale"),
        GRAYSCALE_ALPHA("grayscale with alpha"),
        RGB("RGB"),
        RGB_ALPHA("RGB with alpha"),
        PALETTE("palette"),
        CMYK("CMYK"),
        UNKNOWN("unknown colour type");

        private final String label;

        Channels(String label) {
            this.label = label;
        }
    }

    /** {@code RGB}, {@code 16-bit grayscale}, {@code RGB with alpha}, {@code CMYK}. */
    @Override
    public String toString() {
        boolean usual = bitsPerSample == 8 || channels == Channels.PALETTE || channels == Channels.UNKNOWN;
        return (usual ? "" : bitsPerSample + "-bit ") + channels.label;
    }
}
