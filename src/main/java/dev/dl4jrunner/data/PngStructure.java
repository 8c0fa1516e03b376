package dev.dl4jrunner.data;

import java.io.IOException;

/** Reads a PNG's chunks (length, type, data, CRC): the IHDR chunk first, the IEND chunk last. */
final class PngStructure {
    private static final int SIGNATURE_LENGTH = 8;
    private static final int IHDR = 0x49484452;
    private static final int IEND = 0x49454e44;

    private PngStructure() {
    }

    static ImageHeader header(byte[] bytes) throws IOException {
        int at = SIGNATURE_LENGTH;
        if (bytes.length < at + 8 + 13 || int32(bytes, at + 4) != IHDR) {
            throw new IOException("no IHDR chunk after the signature");
        }
        long width = Integer.toUnsignedLong(int32(bytes, at + 8));
        long height = Integer.toUnsignedLong(int32(bytes, at + 12));
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new IOException("invalid size " + width + "x" + height);
        }
        int bitDepth = bytes[at + 16] & 0xff;
        ColorType.Channels channels = switch (bytes[at + 17]) {
            case 0 -> ColorType.Channels.GRAYSCALE;
            case 2 -> ColorType.Channels.RGB;
            case 3 -> ColorType.Channels.PALETTE;
            case 4 -> ColorType.Channels.GRAYSCALE_ALPHA;
            case 6 -> ColorType.Channels.RGB_ALPHA;
            default -> ColorType.Channels.UNKNOWN;
        };
        return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, new ColorType(channels, bitDepth));
    }

    /** Whether the chunks go on to IEND; data after it is allowed, as decoders ignore it. */
    static boolean isComplete(byte[] bytes) {
        long i = SIGNATURE_LENGTH;
        while (i + 8 <= bytes.length) {
            int at = (int) i;
            if (int32(bytes, at + 4) == IEND) {
                return true;
            }
            i += 12 + Integer.toUnsignedLong(int32(bytes, at));
        }
        return false;
    }

    private static int int32(byte[] bytes, int i) {
        return (bytes[i] & 0xff) << 24 | (bytes[i + 1] & 0xff) << 16 | (bytes[i + 2] & 0xff) << 8
                | (bytes[i + 3] & 0xff);
    }
}
