package dev.dl4jrunner.data;

import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The images a run will train and validate on: the stratified split of the data directory minus every bad image
 * (those are kept aside to be reported), the layout their labels were read in, and the groups of identical files
 * among them, worth a warning.
 */
public record TrainingData(DataLayout layout, DatasetSplit split, List<BadImage> badImages,
                           List<DuplicateGroup> duplicates) {

    public TrainingData {
        badImages = List.copyOf(badImages);
        duplicates = List.copyOf(duplicates);
    }

    /**
     * Discovers, splits and checks the images; fails before anything is written when training would refuse
     * ({@link DatasetCheck#refusal()}), naming every bad image.
     */
    public static TrainingData prepare(DataConfig data, long seed) throws DatasetException {
        DatasetCheck check = DatasetCheck.run(data, seed);
        Optional<String> refusal = check.refusal();
        if (refusal.isPresent()) {
            String reason = refusal.get();
            throw new DatasetException(Character.toUpperCase(reason.charAt(0)) + reason.substring(1)
                    + check.badImages().stream().map(bad -> "\n  " + bad.path() + ": " + bad.reason())
                    .collect(Collectors.joining("", check.badImages().isEmpty() ? "" : ":", "")));
        }
        return new TrainingData(check.dataset().layout(), check.usableSplit(), check.badImages(), check.duplicates());
    }
}
