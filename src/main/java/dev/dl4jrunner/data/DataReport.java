package dev.dl4jrunner.data;

import dev.dl4jrunner.config.BadImagePolicy;
import dev.dl4jrunner.config.DataLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code runner check-data} reports about a {@link DatasetCheck}: counts per class, sizes, colour types,
 * formats, duplicates, bad images, unused files and whether training would run. Computed here, printed by the
 * command line.
 *
 * @param classes      per class in label order
 * @param sizes        image sizes ({@code WxH}) of the usable images, most common first
 * @param smallest     the usable image with the fewest pixels, if any
 * @param largest      the usable image with the most pixels, if any
 * @param colorTypes   colour types of the usable images, most common first
 * @param formats      file formats of the usable images, most common first
 * @param misnamed     usable images whose extension names another format (a PNG called {@code .jpg})
 * @param refusal      why training would not start, if it would not
 */
public record DataReport(Path dir, DataLayout layout, List<ClassCounts> classes, List<Count> sizes,
                         Optional<CheckedImage> smallest, Optional<CheckedImage> largest, List<Count> colorTypes,
                         List<Count> formats, List<CheckedImage> misnamed, List<DuplicateGroup> duplicates,
                         List<BadImage> badImages, List<UnusedFile> unused, BadImagePolicy policy,
                         Optional<String> refusal) {

    /**
     * One class's images.
     *
     * @param found      images in the data directory
     * @param checked    images the experiment uses, fewer than found under {@code data.limit_per_class}
     * @param bad        checked images that cannot be used
     * @param training   usable images in the training split
     * @param validation usable images in the validation split
     */
    public record ClassCounts(String name, int found, int checked, int bad, int training, int validation) {
    }

    /** How many images share a value. */
    public record Count(String value, int count) {
    }

    public DataReport {
        classes = List.copyOf(classes);
        sizes = List.copyOf(sizes);
        colorTypes = List.copyOf(colorTypes);
        formats = List.copyOf(formats);
        misnamed = List.copyOf(misnamed);
        duplicates = List.copyOf(duplicates);
        badImages = List.copyOf(badImages);
        unused = List.copyOf(unused);
    }

    public static DataReport of(DatasetCheck check) {
        List<CheckedImage> usable = check.images().usable();
        Comparator<CheckedImage> byPixels = Comparator.comparingLong(image -> image.header().pixels());
        return new DataReport(check.dataset().dir(), check.dataset().layout(), classCounts(check),
                count(usable, image -> image.header().width() + "x" + image.header().height()),
                usable.stream().min(byPixels), usable.stream().max(byPixels),
                count(usable, image -> image.header().colorType().toString()),
                count(usable, image -> image.header().format().name()),
                usable.stream().filter(image -> !image.header().format().matchesExtension(image.image().path()))
                        .toList(),
                check.duplicates(), check.badImages(), check.dataset().unused(), check.policy(), check.refusal());
    }

    public int trainingImages() {
        return classes.stream().mapToInt(ClassCounts::training).sum();
    }

    public int validationImages() {
        return classes.stream().mapToInt(ClassCounts::validation).sum();
    }

    private static List<ClassCounts> classCounts(DatasetCheck check) {
        DatasetSplit usable = check.usableSplit();
        Map<Path, Integer> labels = new HashMap<>();
        check.split().all().forEach(image -> labels.put(image.path(), image.label()));
        List<String> names = check.split().classes();
        List<ClassCounts> counts = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            int l = label;
            counts.add(new ClassCounts(names.get(label),
                    check.dataset().imagesByClass().get(names.get(label)).size(),
                    (int) check.split().all().stream().filter(image -> image.label() == l).count(),
                    (int) check.badImages().stream().filter(bad -> labels.get(bad.path()) == l).count(),
                    (int) usable.train().stream().filter(image -> image.label() == l).count(),
                    (int) usable.validation().stream().filter(image -> image.label() == l).count()));
        }
        return counts;
    }

    /** Counts of each value, most common first, ties in value order. */
    private static List<Count> count(List<CheckedImage> images, Function<CheckedImage, String> value) {
        return images.stream().collect(Collectors.groupingBy(value, Collectors.counting())).entrySet().stream()
                .map(entry -> new Count(entry.getKey(), entry.getValue().intValue()))
                .sorted(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::value))
                .toList();
    }
}
