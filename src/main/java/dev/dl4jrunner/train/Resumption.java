package dev.dl4jrunner.train;

import dev.dl4jrunner.config.ConfigException;
import dev.dl4jrunner.config.ConfigYaml;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.data.DatasetException;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.run.RunSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A run directory checked for {@code resume}, and locked against any other trainer until {@link #close()}: its
 * config is the one it started with (but for a new epoch count), its data directory gives the same split, it has
 * epochs left to train, and its last checkpoint is readable. Each check that fails says what changed.
 *
 * @param config     the run's config, with the new epoch count if one was asked for
 * @param provenance the run's provenance as recorded
 * @param state      where the last checkpoint stands; the start when the run has none yet
 */
public record Resumption(RunDirectory run, RunLock lock, ExperimentConfig config, Provenance provenance,
                         TrainingData data, TrainingState state) implements AutoCloseable {

    /**
     * Checks {@code dir} and takes its lock.
     *
     * @param epochs     the run's new total number of epochs, if it is to change
     * @param workingDir where relative paths in the run's config would resolve (they are absolute when written)
     */
    public static Resumption prepare(Path dir, OptionalInt epochs, Path workingDir)
            throws ResumeRefusedException, IOException {
        if (!Files.isDirectory(dir)) {
            throw ResumeRefusedException.notARun("No run directory at " + dir);
        }
        RunDirectory run = RunDirectory.existing(dir).orElseThrow(() -> ResumeRefusedException.notARun(
                dir + " is not a run directory: it has no config.yaml and provenance.json"));
        RunLock lock = RunLock.tryAcquire(run).orElseThrow(() -> ResumeRefusedException.refused("Run " + run.id()
                + " is being trained by another process" + RunLock.holder(run).map(pid -> " (pid " + pid + ")")
                .orElse("") + "; it can be resumed once that process has ended"));
        try {
            return check(run, lock, epochs, workingDir);
        } catch (ResumeRefusedException | IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Resumption check(RunDirectory run, RunLock lock, OptionalInt epochs, Path workingDir)
            throws ResumeRefusedException, IOException {
        Provenance provenance = readJson(run.provenance(), Provenance.class);
        String configText = Files.readString(run.config(), StandardCharsets.UTF_8);
        if (!ConfigYaml.sha256(configText).equals(provenance.configSha256())) {
            throw ResumeRefusedException.refused(run.config() + " was changed after the run started (its SHA-256 "
                    + "no longer matches provenance.json), so the run cannot continue as it was configured; start "
                    + "a new run from the changed experiment instead");
        }
        ExperimentConfig config = loadConfig(run, epochs, workingDir);
        TrainingState state = Files.exists(run.lastCheckpoint())
                ? readState(run.lastCheckpoint()) : TrainingState.start();
        Optional<RunSummary> summary = readSummary(run);
        if (summary.isPresent() && summary.get().stoppedEarly()) {
            throw ResumeRefusedException.refused("Run " + run.id() + " was ended by early stopping after epoch "
                    + summary.get().epochsCompleted() + ", so it is complete; to train longer, start a new run "
                    + "(with a larger training.early_stopping.patience, for instance)");
        }
        int planned = config.training().epochs();
        if (state.completedEpochs() >= planned) {
            throw ResumeRefusedException.refused(epochs.isPresent()
                    ? "--epochs " + planned + " is not more than the " + state.completedEpochs()
                            + " epochs run " + run.id() + " has already trained"
                    : "Run " + run.id() + " has already trained its " + planned + " epochs; to train it further, "
                            + "pass the new total: resume " + run.path() + " --epochs " + (planned + 5));
        }
        TrainingData data = readData(config);
        requireSameSplit(provenance.dataset(), data.split(), config);
        return new Resumption(run, lock, config, provenance, data, state);
    }

    private static ExperimentConfig loadConfig(RunDirectory run, OptionalInt epochs, Path workingDir)
            throws ResumeRefusedException {
        List<String> overrides = epochs.isPresent() ? List.of("training.epochs=" + epochs.getAsInt()) : List.of();
        try {
            return ExperimentLoader.load(run.config(), overrides, workingDir);
        } catch (ConfigException e) {
            throw ResumeRefusedException.refused(e.getMessage(), e);
        }
    }

    private static TrainingData readData(ExperimentConfig config) throws ResumeRefusedException {
        try {
            return TrainingData.prepare(config.data(), config.seed());
        } catch (DatasetException e) {
            throw ResumeRefusedException.refused(e.getMessage(), e);
        }
    }

    private static void requireSameSplit(Provenance.Dataset recorded, DatasetSplit split, ExperimentConfig config)
            throws ResumeRefusedException {
        DatasetSplit.Fingerprint now = split.fingerprint();
        if (!now.fileListSha256().equals(recorded.fileListSha256())) {
            throw ResumeRefusedException.refused("The images of " + config.data().dir() + " changed after the run "
                    + "started: it had " + recorded.trainImages() + " training and " + recorded.validationImages()
                    + " validation images " + recorded.imagesPerClass() + ", the directory now gives "
                    + now.trainImages() + " and " + now.validationImages() + " " + now.imagesPerClass()
                    + " (or other files). A resumed run must see the same images; start a new run instead");
        }
    }

    private static TrainingState readState(Path checkpoint) throws ResumeRefusedException {
        try {
            return CheckpointFile.readState(checkpoint);
        } catch (IOException | RuntimeException e) {
            throw ResumeRefusedException.refused("Cannot read the checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static <T> T readJson(Path file, Class<T> type) throws ResumeRefusedException {
        try {
            return Json.read(file, type);
        } catch (IOException e) {
            throw ResumeRefusedException.refused("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The summary as last written; empty when it is missing or damaged (the checkpoint is what counts). */
    private static Optional<RunSummary> readSummary(RunDirectory run) {
        try {
            return Optional.of(Json.read(run.summary(), RunSummary.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the config differs from the one in the run directory (a new epoch count). */
    boolean configChanged() {
        return !ConfigYaml.hash(config).equals(provenance.configSha256());
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
