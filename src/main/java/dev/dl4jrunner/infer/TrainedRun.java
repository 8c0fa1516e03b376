package dev.dl4jrunner.infer;

import dev.dl4jrunner.config.ConfigException;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.data.LabeledImage;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.SplitFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run directory opened for inference: its resolved config (the input shape the images are prepared to, the batch
 * size) and its class names in label order, as recorded when it started. Nothing here writes to the run.
 */
public record TrainedRun(RunDirectory directory, ExperimentConfig config, List<String> classes) {
    public TrainedRun {
        classes = List.copyOf(classes);
    }

    /**
     * Opens {@code dir}.
     *
     * @param workingDir where relative paths in the run's config would resolve (they are absolute when written)
     */
    public static TrainedRun open(Path dir, Path workingDir) throws InferenceException {
        if (!Files.isDirectory(dir)) {
            throw InferenceException.notARun("No run directory at " + dir);
        }
        RunDirectory run = RunDirectory.existing(dir).orElseThrow(() -> InferenceException.notARun(
                dir + " is not a run directory: it has no config.yaml and provenance.json"));
        ExperimentConfig config;
        try {
            config = ExperimentLoader.load(run.config(), List.of(), workingDir);
        } catch (ConfigException e) {
            throw InferenceException.unusable("The run's config.yaml cannot be used: " + e.getMessage(), e);
        }
        Provenance provenance;
        try {
            provenance = Json.read(run.provenance(), Provenance.class);
        } catch (IOException e) {
            throw InferenceException.unusable("Cannot read " + run.provenance() + ": " + e.getMessage(), e);
        }
        if (provenance.dataset() == null || provenance.dataset().classes() == null
                || provenance.dataset().classes().size() < 2) {
            throw InferenceException.unusable(run.provenance() + " does not list the run's classes");
        }
        return new TrainedRun(run, config, provenance.dataset().classes());
    }

    public String id() {
        return directory.id();
    }

    /** The run's validation split, {@code split/val.csv}, with the labels as class indices. */
    public List<LabeledImage> validationImages() throws InferenceException {
        return splitImages(directory.validationSplit());
    }

    /** The run's training split, {@code split/train.csv}. */
    public List<LabeledImage> trainingImages() throws InferenceException {
        return splitImages(directory.trainSplit());
    }

    private List<LabeledImage> splitImages(Path csv) throws InferenceException {
        List<List<String>> rows;
        try {
            rows = SplitFiles.read(csv);
        } catch (IOException e) {
            throw InferenceException.unusable("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        List<LabeledImage> images = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            int label = row.size() == 2 ? classes.indexOf(row.get(1)) : -1;
            if (label < 0) {
                throw InferenceException.unusable(csv + " line " + (i + 2) + " is not a path and one of the run's "
                        + "classes " + classes);
            }
            images.add(new LabeledImage(Path.of(row.get(0)), label));
        }
        return images;
    }
}
