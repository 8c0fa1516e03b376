package dev.dl4jrunner.data;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Image files with the same bytes, sorted by path. */
public record DuplicateGroup(List<LabeledImage> images) {

    public DuplicateGroup {
        images = List.copyOf(images);
    }

    /** The groups of identical files among {@code checked} (same size, then same SHA-256), by first path. */
    public static List<DuplicateGroup> find(List<CheckedImage> checked) {
        Map<String, List<LabeledImage>> byContent = checked.stream().collect(Collectors.groupingBy(
                image -> image.bytes() + ":" + image.sha256(), TreeMap::new,
                Collectors.mapping(CheckedImage::image, Collectors.toList())));
        return byContent.values().stream()
                .filter(images -> images.size() > 1)
                .map(images -> new DuplicateGroup(images.stream()
                        .sorted(Comparator.comparing(LabeledImage::path)).toList()))
                .sorted(Comparator.comparing(group -> group.images().get(0).path()))
                .toList();
    }

    /** Whether the copies carry different labels: the same picture is taught as two classes. */
    public boolean acrossClasses() {
        return images.stream().map(LabeledImage::label).distinct().count() > 1;
    }
}
