package dev.dl4jrunner.data;

import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public record ImageDataset(Path dir, DataLayout layout, List<String> classes, Map<String, List<Path>> imagesByClass) {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    public ImageDataset {
        classes = List.copyOf(classes);
        imagesByClass = Map.copyOf(imagesByClass);
    }

    /** Finds the images of {@code data.dir()}; fails with a message a user can act on when there is no dataset. */
    public static ImageDataset discover(DataConfig data) throws DatasetException {
        Path dir = data.dir();
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(Files.exists(dir)
                    ? "data.dir is not a directory: " + dir
                    : "data.dir does not exist: " + dir + " (see the README for getting the data, or pass --set data.dir=DIR)");
        }
        DataLayout layout = data.layout() == DataLayout.AUTO ? detectLayout(dir) : data.layout();
        Map<String, List<Path>> found = layout == DataLayout.FOLDERS ? byFolder(dir) : byPrefix(dir);
        if (found.isEmpty()) {
            throw new DatasetException("data.dir has no images (jpg, jpeg, png) in the " + layoutName(layout)
                    + " layout: " + dir);
        }
        List<String> classes = data.classes().isEmpty() ? List.copyOf(found.keySet()) : data.classes();
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
                    + "; found: " + String.join(", ", found.keySet()));
        }
        if (classes.size() < 2) {
            throw new DatasetException("A classifier needs at least 2 classes, but " + dir + " has only "
                    + classes + " in the " + layoutName(layout) + " layout");
        }
        return new ImageDataset(dir, layout, classes, selected);
    }

    /** Total number of images over all classes. */
    public int size() {
        return imagesByClass.values().stream().mapToInt(List::size).sum();
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static DataLayout detectLayout(Path dir) throws DatasetException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(Files::isDirectory) ? DataLayout.FOLDERS : DataLayout.PREFIX;
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
    }

    private static Map<String, List<Path>> byPrefix(Path dir) throws DatasetException {
        Map<String, List<Path>> byClass = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(ImageDataset::isImage).sorted().forEach(file -> {
                String name = file.getFileName().toString();
                byClass.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new ArrayList<>()).add(file);
            });
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
        byClass.remove("");
        return byClass;
    }

    private static Map<String, List<Path>> byFolder(Path dir) throws DatasetException {
        Map<String, List<Path>> byClass = new TreeMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(folder)) {
                    List<Path> images = files.filter(ImageDataset::isImage).sorted().toList();
                    if (!images.isEmpty()) {
                        byClass.put(folder.getFileName().toString(), images);
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable(dir, e);
        }
        return byClass;
    }

    private static String layoutName(DataLayout layout) {
        return layout == DataLayout.FOLDERS ? "folder-per-class" : "file-name-prefix";
    }

    private static DatasetException unreadable(Path dir, IOException e) {
        return new DatasetException("Cannot read data.dir " + dir + ": " + e.getMessage());
    }
}
