package dev.dl4jrunner.data;

import java.io.IOException;

/**
 * Walks a JPEG's marker segments and entropy-coded scans as a decoder does: to the frame header, which gives the
 * size, and on to the end-of-image marker, which tells a whole file from a truncated one.
 *
 * <p>Reading the frame header here costs nothing next to the walk the end marker needs anyway; ImageIO's
 * {@code getWidth} took 0.3 s per 4000 images and its metadata tree four times that, and the JDK's reader has no
 * image type for CMYK JPEGs.
 */
final class JpegStructure {
    private static final int MARKER = 0xff;
    private static final int END_OF_IMAGE = 0xd9;
    private static final int START_OF_SCAN = 0xda;

    private JpegStructure() {
    }

    static ImageHeader header(byte[] bytes) throws IOException {
        int frame = walk(bytes).frameHeader();
        if (frame < 0) {
            throw new IOException("no frame header before the image data");
        }
        if (frame + 10 > bytes.length) {
            throw new IOException("the file ends in the frame header");
        }
        int precision = unsigned(bytes, frame + 4);
        int height = unsigned16(bytes, frame + 5);
        int width = unsigned16(bytes, frame + 7);
        if (width == 0 || height == 0) {
            throw new IOException("the frame header gives no size (" + width + "x" + height + ")");
        }
        ColorType.Channels channels = switch (unsigned(bytes, frame + 9)) {
            case 1 -> ColorType.Channels.GRAYSCALE;
            case 3 -> ColorType.Channels.RGB; // YCbCr or RGB
            case 4 -> ColorType.Channels.CMYK; // CMYK or YCCK, which libjpeg turns into CMYK
            default -> ColorType.Channels.UNKNOWN;
        };
        return new ImageHeader(ImageFormat.JPEG, width, height, new ColorType(channels, precision));
    }

    /** Whether the file goes on to its end-of-image marker; data after it is allowed, as decoders ignore it. */
    static boolean isComplete(byte[] bytes) {
        return walk(bytes).complete();
    }

    /** Where the first frame header (SOF) starts, -1 if none, and whether the end-of-image marker was reached. */
    private record Walk(int frameHeader, boolean complete) {
    }

    private static Walk walk(byte[] bytes) {
        int frameHeader = -1;
        int i = 2; // after the start-of-image marker
        while (i + 1 < bytes.length) {
            if (unsigned(bytes, i) != MARKER) {
                i++; // stray bytes between segments: libjpeg skips them too, with a warning
                continue;
            }
            int marker = unsigned(bytes, i + 1);
            if (marker == END_OF_IMAGE) {
                return new Walk(frameHeader, true);
            }
            if (marker == MARKER || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += marker == MARKER ? 1 : 2; // fill byte, or a marker without a length
                continue;
            }
            if (frameHeader < 0 && isStartOfFrame(marker)) {
                frameHeader = i;
            }
            if (i + 3 >= bytes.length) {
                break;
            }
            i += 2 + unsigned16(bytes, i + 2);
            if (marker == START_OF_SCAN) {
                i = endOfScan(bytes, i);
            }
        }
        return new Walk(frameHeader, false);
    }

    /** SOF0-SOF15 but DHT (0xc4), JPG (0xc8) and DAC (0xcc), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /**
     * The index of the first marker after entropy-coded data starting at {@code i}. Inside the data a 0xff byte
     * is followed only by 0x00 (a stuffed byte) or a restart marker, so the next other marker ends it.
     */
    private static int endOfScan(byte[] bytes, int i) {
        while (i + 1 < bytes.length) {
            int next = unsigned(bytes, i + 1);
            if (unsigned(bytes, i) == MARKER && next != 0x00 && next != MARKER && (next < 0xd0 || next > 0xd7)) {
                return i;
            }
            i++;
        }
        return bytes.length;
    }

    private static int unsigned16(byte[] bytes, int i) {
        return unsigned(bytes, i) << 8 | unsigned(bytes, i + 1);
    }

    private static int unsigned(byte[] bytes, int i) {
        return bytes[i] & 0xff;
    }
}
