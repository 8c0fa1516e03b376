package dev.dl4jrunner.cli;

import dev.dl4jrunner.config.BadImagePolicy;
import dev.dl4jrunner.config.DataLayout;
import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.data.CheckedImage;
import dev.dl4jrunner.data.DataReport;
import dev.dl4jrunner.data.DataReport.ClassCounts;
import dev.dl4jrunner.data.DataReport.Count;
import dev.dl4jrunner.data.DuplicateGroup;
import dev.dl4jrunner.data.LabeledImage;
import dev.dl4jrunner.data.UnusedFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a {@link DataReport} for people: paths relative to the data directory, one finding per line. */
final class DataReportPrinter {
    /** Longer lists of sizes and unused files are cut; bad images and duplicates are always listed in full. */
    private static final int MAX_SIZES = 5;
    private static final int MAX_UNUSED = 20;

    private final PrintWriter out;
    private final DataReport report;

    DataReportPrinter(PrintWriter out, DataReport report) {
        this.out = out;
        this.report = report;
    }

    /** The report, with how long the check took. */
    void print(double seconds) {
        out.printf("Layout: %s%n", report.layout() == DataLayout.FOLDERS ? "a folder per class" : "class name before "
                + "the first dot of the file name");
        printClasses(report.classes());
        printSizes();
        out.println("Colour types: " + counts(report.colorTypes()));
        out.println("Formats: " + counts(report.formats()));
        for (CheckedImage image : report.misnamed()) {
            out.printf("  %s holds a %s image despite its extension; it is used%n", name(image.image().path()),
                    image.header().format());
        }
        printDuplicates(report.duplicates(), report.classes());
        printBadImages(report.badImages(), report.policy());
        printUnused(report.unused());
        out.printf(Locale.ROOT, "Checked %d images in %.1f s.%n",
                report.classes().stream().mapToInt(ClassCounts::checked).sum(), seconds);
        out.println("Verdict: " + verdict());
    }

    private void printClasses(List<ClassCounts> classes) {
        int width = Math.max("Total".length(), classes.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        String row = "%-" + width + "s %8s %8s %8s %9s %11s%n";
        out.printf(row, "Class", "Found", "Checked", "Bad", "Training", "Validation");
        for (ClassCounts c : classes) {
            out.printf(row, c.name(), c.found(), c.checked(), c.bad(), c.training(), c.validation());
        }
        out.printf(row, "Total", classes.stream().mapToInt(ClassCounts::found).sum(),
                classes.stream().mapToInt(ClassCounts::checked).sum(),
                classes.stream().mapToInt(ClassCounts::bad).sum(),
                classes.stream().mapToInt(ClassCounts::training).sum(),
                classes.stream().mapToInt(ClassCounts::validation).sum());
    }

    private void printSizes() {
        List<Count> sizes = report.sizes();
        if (sizes.isEmpty()) {
            out.println("Sizes: no usable image");
            return;
        }
        String common = sizes.stream().limit(MAX_SIZES).map(s -> s.value() + " (" + s.count() + ")")
                .collect(Collectors.joining(", "));
        String others = sizes.size() > MAX_SIZES ? " and " + (sizes.size() - MAX_SIZES) + " other sizes" : "";
        out.printf("Sizes: %s%s; smallest %s, largest %s%n", common, others, sized(report.smallest().orElseThrow()),
                sized(report.largest().orElseThrow()));
    }

    private void printDuplicates(List<DuplicateGroup> duplicates, List<ClassCounts> classes) {
        if (duplicates.isEmpty()) {
            out.println("Identical files: none");
            return;
        }
        out.printf("Identical files (same bytes): %d group%s%n", duplicates.size(), duplicates.size() == 1 ? "" : "s");
        for (DuplicateGroup group : duplicates) {
            String names = group.images().stream().map(LabeledImage::path).map(this::name)
                    .collect(Collectors.joining(" = "));
            String labels = group.images().stream().map(i -> classes.get(i.label()).name()).distinct()
                    .collect(Collectors.joining(" and "));
            out.println("  " + names + (group.acrossClasses()
                    ? "  WARNING: labelled both " + labels + ", contradictory labels" : ""));
        }
    }

    private void printBadImages(List<BadImage> bad, BadImagePolicy policy) {
        if (bad.isEmpty()) {
            out.println("Bad images: none");
            return;
        }
        out.printf("Bad images: %d, %s (data.on_bad_image: %s)%n", bad.size(),
                policy == BadImagePolicy.SKIP ? "skipped by training" : "training refuses to start",
                policy.name().toLowerCase(Locale.ROOT));
        bad.forEach(image -> out.printf("  %s: %s%n", name(image.path()), image.reason()));
    }

    private void printUnused(List<UnusedFile> unused) {
        if (unused.isEmpty()) {
            out.println("Files not used: none");
            return;
        }
        out.printf("Files not used: %d%n", unused.size());
        unused.stream().limit(MAX_UNUSED).forEach(file -> out.printf("  %s: %s%n", name(file.path()), file.reason()));
        if (unused.size() > MAX_UNUSED) {
            out.printf("  ... and %d more%n", unused.size() - MAX_UNUSED);
        }
    }

    private String verdict() {
        if (report.refusal().isPresent()) {
            return "training would refuse to start: " + report.refusal().get() + ".";
        }
        String images = String.format(Locale.ROOT, "training can run on %d training and %d validation images",
                report.trainingImages(), report.validationImages());
        int bad = report.badImages().size();
        return images + (bad == 0 ? "." : ", without the " + bad + " bad image" + (bad == 1 ? "" : "s") + ".");
    }

    private static String counts(List<Count> counts) {
        return counts.isEmpty() ? "none" : counts.stream().map(c -> c.value() + " " + c.count())
                .collect(Collectors.joining(", "));
    }

    private String sized(CheckedImage image) {
        return image.header().width() + "x" + image.header().height() + " (" + name(image.image().path()) + ")";
    }

    /** The path relative to the data directory, which the report names once at the top. */
    private String name(Path path) {
        return path.startsWith(report.dir()) ? report.dir().relativize(path).toString() : path.toString();
    }
}
