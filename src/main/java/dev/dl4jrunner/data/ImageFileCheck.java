package dev.dl4jrunner.data;

import org.bytedeco.javacpp.Pointer;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.loader.NativeImageLoader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks one image file, cheapest step first, and hands OpenCV only files it can safely decode: a regular,
 * readable file; JPEG or PNG content; a header whose size is within {@link #MAX_MEGAPIXELS}; the whole file up to
 * the format's end marker; then a decode by the decoder training uses.
 */
final class ImageFileCheck {
    /**
     * Larger images are refused before decoding, as decompression bombs: a 50 KB PNG can claim 20000x20000
     * pixels, which OpenCV (whose own limit is 1024 megapixels) would decode into 400 MB and training would then
     * turn into 1.2 GB of RGB. 100 megapixels is more than the photos this runner is meant for; a 6000x6000 JPEG
     * (36 megapixels) decodes in about 0.3 s and trains. The README and {@code data.on_bad_image}'s text quote it.
     */
    static final long MAX_MEGAPIXELS = 100;

    private ImageFileCheck() {
    }

    /** Signals why an image cannot be used; the message is the reason users see. */
    static final class BadImageException extends Exception {
        BadImageException(String reason) {
            super(reason);
        }
    }

    static CheckedImage check(LabeledImage image) throws BadImageException {
        Path path = image.path();
        requireNonEmptyRegularFile(path);
        byte[] bytes = read(path);
        ImageFormat format = ImageFormat.of(bytes).orElseThrow(() -> new BadImageException(
                "not a JPEG or PNG image: the content is " + ImageFormat.describeOther(bytes)));
        ImageHeader header;
        try {
            header = format.readHeader(bytes);
        } catch (IOException e) {
            throw new BadImageException("unreadable " + format + " header: " + message(e));
        }
        if (header.pixels() > MAX_MEGAPIXELS * 1_000_000) {
            throw new BadImageException(String.format(Locale.ROOT,
                    "too large: %dx%d pixels (%.0f megapixels), the limit is %d megapixels", header.width(),
                    header.height(), header.pixels() / 1e6, MAX_MEGAPIXELS));
        }
        if (!format.isComplete(bytes)) {
            throw new BadImageException("truncated " + format + ": the file ends before the image does");
        }
        decode(path);
        return new CheckedImage(image, bytes.length, header, sha256(bytes));
    }

    /** Follows symbolic links; a file that is not there, not regular or empty is not an image. */
    private static void requireNonEmptyRegularFile(Path path) throws BadImageException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadImageException(Files.isSymbolicLink(path) ? "dangling symbolic link to " + linkTarget(path)
                    : "the file has disappeared");
        } catch (IOException e) {
            throw new BadImageException("cannot be read: " + message(e));
        }
        if (!attributes.isRegularFile()) {
            throw new BadImageException(attributes.isDirectory() ? "a directory, not an image file"
                    : "not a regular file (a device, pipe or socket)");
        }
        if (attributes.size() == 0) {
            throw new BadImageException("empty file");
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a missing file";
        }
    }

    private static byte[] read(Path path) throws BadImageException {
        try {
            return Files.readAllBytes(path);
        } catch (AccessDeniedException e) {
            throw new BadImageException("permission denied");
        } catch (IOException | OutOfMemoryError e) {
            // OutOfMemoryError: "Required array size too large", thrown before anything is allocated
            throw new BadImageException("cannot be read: " + message(e));
        }
    }

    /**
     * The decode step of DataVec's {@code NativeImageLoader}, which training's {@code ImageRecordReader} uses:
     * OpenCV's {@code imdecode} with {@code IMREAD_ANYDEPTH | IMREAD_ANYCOLOR}, falling back to Leptonica.
     * {@code asWritable} stops there, before the conversion to an ND4J array, so the check needs no ND4J backend.
     */
    private static void decode(Path path) throws BadImageException {
        try {
            ImageWritable decoded = new NativeImageLoader().asWritable(path.toFile());
            if (decoded == null || decoded.getFrame() == null || decoded.getWidth() <= 0) {
                throw new BadImageException("cannot be decoded: the decoder returned no image");
            }
            if (decoded.getFrame().opaque instanceof Pointer image) {
                image.deallocate(); // a large image's pixels should not wait for the garbage collector
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new BadImageException("cannot be decoded: " + message(e));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
