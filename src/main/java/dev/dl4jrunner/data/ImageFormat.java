package dev.dl4jrunner.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two image formats training reads, recognised by their content rather than the file name; each reads its
 * own header and tells a whole file from a truncated one.
 *
 * <p>A truncated file must be caught before decoding: OpenCV decodes a JPEG cut in half without any error,
 * filling the missing rows with grey, so training would silently learn from half an image.
 */
public enum ImageFormat {
    JPEG(List.of(".jpg", ".jpeg")) {
        @Override
        ImageHeader readHeader(byte[] bytes) throws IOException {
            return JpegStructure.header(bytes);
        }

        @Override
        boolean isComplete(byte[] bytes) {
            return JpegStructure.isComplete(bytes);
        }
    },
    PNG(List.of(".png")) {
        @Override
        ImageHeader readHeader(byte[] bytes) throws IOException {
            return PngStructure.header(bytes);
        }

        @Override
        boolean isComplete(byte[] bytes) {
            return PngStructure.isComplete(bytes);
        }
    };

    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final List<String> extensions;

    ImageFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    /** The format of a file's content, from its first bytes; empty for anything but JPEG and PNG. */
    static Optional<ImageFormat> of(byte[] bytes) {
        if (startsWith(bytes, JPEG_START)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        return Optional.empty();
    }

    /** What a file that is neither JPEG nor PNG seems to be, for the reason it is skipped. */
    static String describeOther(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 12), StandardCharsets.ISO_8859_1);
        if (start.startsWith("GIF8")) {
            return "a GIF image";
        }
        if (start.startsWith("BM")) {
            return "a BMP image";
        }
        if (start.startsWith("RIFF") && start.endsWith("WEBP")) {
            return "a WebP image";
        }
        if (start.startsWith("II*\0") || start.startsWith("MM\0*")) {
            return "a TIFF image";
        }
        if (start.length() > 8 && start.startsWith("ftyp", 4)) {
            return "a HEIF/AVIF image or a video";
        }
        return start.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f))
                ? "text" : "an unknown format";
    }

    /** Whether {@code file}'s extension names this format; {@code cat.1.jpg} holding a PNG does not. */
    boolean matchesExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(name::endsWith);
    }

    /**
     * Size and colour type from the header.
     *
     * @throws IOException when the header does not give them
     */
    abstract ImageHeader readHeader(byte[] bytes) throws IOException;

    /** Whether the file goes on to the format's end marker; data after it is allowed, as decoders ignore it. */
    abstract boolean isComplete(byte[] bytes);

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
