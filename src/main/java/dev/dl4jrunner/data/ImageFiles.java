package dev.dl4jrunner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The images named on a command line, without labels: a file is used whatever its name (the image check says
 * whether it is an image), a directory gives every {@code .jpg}, {@code .jpeg} and {@code .png} file below it, in
 * {@link NaturalOrder}. A file reached twice counts once. Paths stay as given, relative ones too.
 *
 * @param images  the files to predict, in order
 * @param ignored files in the directories that are not named like images
 */
public record ImageFiles(List<Path> images, List<UnusedFile> ignored) {
    public ImageFiles {
        images = List.copyOf(images);
        ignored = List.copyOf(ignored);
    }

    /** Fails, naming them, when any argument does not exist (a dangling symbolic link does: the check reports it). */
    public static ImageFiles collect(List<Path> arguments) throws DatasetException {
        List<String> missing = arguments.stream().filter(a -> !Files.exists(a, LinkOption.NOFOLLOW_LINKS))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new DatasetException("No such file or directory: " + String.join(", ", missing));
        }
        Map<Path, Path> images = new LinkedHashMap<>();
        List<UnusedFile> ignored = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                for (Path file : filesBelow(argument)) {
                    if (ImageDataset.hasImageName(file)) {
                        images.putIfAbsent(file.toAbsolutePath().normalize(), file);
                    } else {
                        ignored.add(new UnusedFile(file, ImageDataset.NOT_AN_IMAGE_NAME));
                    }
                }
            } else {
                images.putIfAbsent(argument.toAbsolutePath().normalize(), argument);
            }
        }
        return new ImageFiles(new ArrayList<>(images.values()), ignored);
    }

    private static List<Path> filesBelow(Path dir) throws DatasetException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> !Files.isDirectory(file)).sorted(NaturalOrder.PATHS).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("Cannot read the directory " + dir + ": " + e.getMessage());
        }
    }
}
