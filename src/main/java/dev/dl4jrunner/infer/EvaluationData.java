package dev.dl4jrunner.infer;

import dev.dl4jrunner.config.DataLayout;
import dev.dl4jrunner.data.BadImage;
import dev.dl4jrunner.data.DatasetException;
import dev.dl4jrunner.data.ImageCheck;
import dev.dl4jrunner.data.ImageDataset;
import dev.dl4jrunner.data.LabeledImage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The labelled images an evaluation uses, checked: the run's own validation split, or a directory of labelled
 * images in either layout whose classes are the run's (a subset is fine; a class the run does not know is an error).
 * Bad images are set aside, by name, with the image check training uses; how many of the images the run trained or
 * validated on is counted, because accuracy on those says little about new data.
 *
 * @param source             what was evaluated, for people and files: {@code split/val.csv} or the directory
 * @param name               a short name for the evaluation's files: {@code val} or the directory's name
 * @param layout             how labels were read from a directory; empty for the validation split
 * @param images             the usable images, labels as the run's class indices, in a stable order
 * @param inTrainingSplit    of those, how many are in the run's training split (by file, through links)
 * @param inValidationSplit  of those, how many are in the run's validation split
 */
public record EvaluationData(String source, String name, String layout, List<LabeledImage> images,
                             List<BadImage> bad, int inTrainingSplit, int inValidationSplit) {
    private static final String VALIDATION_SPLIT = "split/val.csv";
    public EvaluationData {
        images = List.copyOf(images);
        bad = List.copyOf(bad);
    }

    /** The run's validation split, as {@code split/val.csv} lists it. */
    public static EvaluationData validationSplit(TrainedRun run) throws InferenceException {
        List<LabeledImage> images = run.validationImages();
        if (images.isEmpty()) {
            throw InferenceException.unusable(run.directory().validationSplit() + " lists no images");
        }
        return checked(run, VALIDATION_SPLIT, "val", "", images);
    }

    /** The labelled images of {@code dir}, in the {@code layout} (AUTO: folders when it has sub-directories). */
    public static EvaluationData directory(TrainedRun run, Path dir, DataLayout layout)
            throws InferenceException, DatasetException {
        ImageDataset dataset = ImageDataset.find(dir.toAbsolutePath().normalize(), layout, "--data", "");
        List<String> unknown = dataset.classes().stream().filter(c -> !run.classes().contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw InferenceException.unusable(dir + " has images of " + (unknown.size() == 1 ? "class " : "classes ")
                    + unknown.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + (dataset.layout() == DataLayout.FOLDERS ? " (folder names)" : " (file names before the first dot)")
                    + " that run " + run.id() + " does not know; its classes are "
                    + String.join(", ", run.classes()));
        }
        List<LabeledImage> images = new ArrayList<>();
        for (int label = 0; label < run.classes().size(); label++) {
            for (Path file : dataset.imagesByClass().getOrDefault(run.classes().get(label), List.of())) {
                images.add(new LabeledImage(file, label));
            }
        }
        Path name = dataset.dir().getFileName();
        return checked(run, dataset.dir().toString(), name == null ? "data" : name.toString(),
                dataset.layout().name().toLowerCase(java.util.Locale.ROOT), images);
    }

    private static EvaluationData checked(TrainedRun run, String source, String name, String layout,
                                          List<LabeledImage> images) throws InferenceException {
        ImageCheck.Result check = ImageCheck.run(images);
        Set<Path> bad = check.bad().stream().map(BadImage::path).collect(Collectors.toSet());
        List<LabeledImage> usable = images.stream().filter(image -> !bad.contains(image.path())).toList();
        Set<Path> training = realPaths(run.trainingImages());
        Set<Path> validation = realPaths(run.validationImages());
        int inTraining = 0;
        int inValidation = 0;
        for (LabeledImage image : usable) {
            Path real = realPath(image.path());
            inTraining += training.contains(real) ? 1 : 0;
            inValidation += validation.contains(real) ? 1 : 0;
        }
        return new EvaluationData(source, name, layout, usable, check.bad(), inTraining, inValidation);
    }

    private static Set<Path> realPaths(List<LabeledImage> images) {
        Set<Path> paths = new HashSet<>();
        images.forEach(image -> paths.add(realPath(image.path())));
        return paths;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Whether these are the run's own validation images. */
    public boolean isValidationSplit() {
        return source.equals(VALIDATION_SPLIT);
    }

    public int[] labels() {
        return images.stream().mapToInt(LabeledImage::label).toArray();
    }

    public List<Path> files() {
        return images.stream().map(LabeledImage::path).toList();
    }
}
