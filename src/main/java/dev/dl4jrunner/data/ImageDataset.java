package dev.dl4jrunner.data;

import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The labelled images found in a directory: class names in label order, each with its files sorted by path.
 *
 * <p>Two layouts: {@link DataLayout#PREFIX} reads the label from the file name before the first dot (Kaggle's
 * {@code cat.12.jpg}, files directly in the directory); {@link DataLayout#FOLDERS} uses each sub-directory as a
 * class (images anywhere below it). {@link DataLayout#AUTO} picks folders when the directory has sub-directories,
 * the prefix layout otherwise.
 *
 * <p>Every entry named like an image counts, also a dangling symbolic link or a special file: the image check
 * reports those by name instead of their silently missing. Other files are listed as {@code unused}.
 */
public record ImageDataset(Path dir, DataLayout layout, List<String> classes, Map<String, List<Path>> imagesByClass,
                           List<UnusedFile> unused) {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    static final String NOT_AN_IMAGE_NAME = "not a .jpg, .jpeg or .png file";

    public ImageDataset {
        classes = List.copyOf(classes);
        imagesByClass = Map.copyOf(imagesByClass);
        unused = List.copyOf(unused);
    }

    /** Finds the images of {@code data.dir()}; fails with a message a user can act on when there is no dataset. */
    public static ImageDataset discover(DataConfig data) throws DatasetException {
        ImageDataset all = find(data.dir(), data.layout(), "data.dir",
                " (see the README for getting the data, or pass --set data.dir=DIR)");
        Path dir = all.dir();
        DataLayout layout = all.layout();
        Map<String, List<Path>> found = all.imagesByClass();
        List<UnusedFile> unused = new ArrayList<>(all.unused());
        List<String> classes = data.classes().isEmpty() ? all.classes() : data.classes();
        Map<String, List<Path>> selected = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : classes) {
            List<Path> images = found.get(name);
            if (images == null) {
                missing.add(name);
            } else {
                selected.put(name, images);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException("data.classes lists " + String.join(", ", missing) + " but " + dir
                    + " has no images of " + (missing.size() == 1 ? "that class" : "those classes")
                    + "; found: " + String.join(", ", all.classes()));
        }
        if (classes.size() < 2) {
            throw new DatasetException("A classifier needs at least 2 classes, but " + dir + " has only "
                    + classes + " in the " + layoutName(layout) + " layout");
        }
        found.forEach((name, images) -> {
            if (!selected.containsKey(name)) {
                String reason = "class '" + name + "' is not in data.classes";
                images.forEach(image -> unused.add(new UnusedFile(image, reason)));
            }
        });
        unused.sort(Comparator.comparing(UnusedFile::path));
        return new ImageDataset(dir, layout, classes, selected, unused);
    }

    /**
     * Every labelled image of {@code dir}, with all the classes it names, sorted; no rule on their number.
     *
     * @param what       how messages name the directory: {@code data.dir}, {@code --data}
     * @param whereToGet appended to the message for a directory that does not exist
     */
    public static ImageDataset find(Path dir, DataLayout layout, String what, String whereToGet)
            throws DatasetException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(Files.exists(dir)
                    ? what + " is not a directory: " + dir
                    : what + " does not exist: " + dir + whereToGet);
        }
        DataLayout used = layout == DataLayout.AUTO ? detectLayout(dir) : layout;
        List<UnusedFile> unused = new ArrayList<>();
        Map<String, List<Path>> found = used == DataLayout.FOLDERS ? byFolder(dir, unused) : byPrefix(dir, unused);
        if (found.isEmpty()) {
            throw new DatasetException(what + " has no images (jpg, jpeg, png) in the " + layoutName(used)
                    + " layout: " + dir);
        }
        unused.sort(Comparator.comparing(UnusedFile::path));
        return new ImageDataset(dir, used, List.copyOf(found.keySet()), found, unused);
    }

    /** Total number of images over all classes. */
    public int size() {
        return imagesByClass.values().stream().mapToInt(List::size).sum();
    }

    /** Named like an image and not a directory (a dangling link or special file counts, to be reported). */
    static boolean hasImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith) && !Files.isDirectory(file);
    }

    private static DataLayout detectLayout(Path dir) throws DatasetException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(Files::isDirectory) ? DataLayout.FOLDERS : DataLayout.PREFIX;
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    private static Map<String, List<Path>> byPrefix(Path dir, List<UnusedFile> unused) throws DatasetException {
        Map<String, List<Path>> byClass = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(file -> {
                String name = file.getFileName().toString();
                if (Files.isDirectory(file)) {
                    unused.add(new UnusedFile(file, "a directory; the prefix layout reads only the files in data.dir"));
                } else if (!hasImageName(file)) {
                    unused.add(new UnusedFile(file, NOT_AN_IMAGE_NAME));
                } else if (name.startsWith(".")) {
                    unused.add(new UnusedFile(file, "no class name before the first dot"));
                } else {
                    byClass.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new ArrayList<>()).add(file);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(dir, e);
        }
        return byClass;
    }

    private static Map<String, List<Path>> byFolder(Path dir, List<UnusedFile> unused) throws DatasetException {
        Map<String, List<Path>> byClass = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                if (!Files.isDirectory(entry)) {
                    unused.add(new UnusedFile(entry, "outside the class folders"));
                    continue;
                }
                List<Path> images = new ArrayList<>();
                try (Stream<Path> files = Files.walk(entry)) {
                    files.filter(file -> !Files.isDirectory(file)).sorted().forEach(file -> {
                        if (hasImageName(file)) {
                            images.add(file);
                        } else {
                            unused.add(new UnusedFile(file, NOT_AN_IMAGE_NAME));
                        }
                    });
                }
                if (!images.isEmpty()) {
                    byClass.put(entry.getFileName().toString(), images);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(dir, e);
        }
        return byClass;
    }

    private static String layoutName(DataLayout layout) {
        return layout == DataLayout.FOLDERS ? "folder-per-class" : "file-name-prefix";
    }

    private static DatasetException unreadable(Path dir, Exception e) {
        return new DatasetException("Cannot read data.dir " + dir + ": " + e.getMessage());
    }
}
