package dev.dl4jrunner.train;

import dev.dl4jrunner.config.ConfigYaml;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.StoppingMetric;
import dev.dl4jrunner.config.EarlyStoppingConfig;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.DuplicateGroup;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.data.LabeledImage;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ModelSummary;
import dev.dl4jrunner.model.Vgg16Factory;
import dev.dl4jrunner.report.CurvePlots;
import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.GitCommit;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLog;
import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.run.RunSummary;
import dev.dl4jrunner.run.SplitFiles;
import dev.dl4jrunner.run.Versions;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One training run from a validated experiment, in the order the run directory is filled: the resolved config,
 * provenance and split before the first batch; metrics, checkpoints and UI stats during training; the final
 * model, plots and summary at the end. A run that fails still gets its summary, with status {@code failed}.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    /** What to train and where the run directory goes. */
    public record Request(ExperimentConfig config, Path experimentFile, List<String> overrides, Path runsDir) {
        public Request {
            overrides = List.copyOf(overrides);
        }
    }

    /** A finished run: its directory and final summary. */
    public record Result(RunDirectory run, RunSummary summary) {
    }

    private TrainingRun() {
    }

    public static Result execute(Request request, TrainingData data) throws IOException, TrainingFailedException {
        ExperimentConfig config = request.config();
        Instant started = Instant.now();
        RunDirectory run = RunDirectory.create(request.runsDir(), config.name(),
                LocalDateTime.ofInstant(started, ZoneId.systemDefault()));
        try (RunLog ignored = RunLog.attach(run.log())) {
            LOG.info("Run directory: {}", run.path());
            Backend.Description backend = Backend.start();
            LOG.info("Backend: {}", backend);
            writeInputs(request, data, run, backend, started);
            return train(config, data, run, started);
        }
    }

    private static Result train(ExperimentConfig config, TrainingData data, RunDirectory run, Instant started)
            throws IOException, TrainingFailedException {
        EarlyStoppingConfig stopping = config.training().earlyStopping().orElse(null);
        BestEpoch best = new BestEpoch(stopping == null ? StoppingMetric.VAL_LOSS : stopping.metric(),
                stopping == null ? 0 : stopping.minDelta());
        MetricsHistory history = new MetricsHistory(run.metrics());
        try {
            ComputationGraph graph = Vgg16Factory.build(config.model(), config.optimizer(), config.input(),
                    data.split().classes().size(), config.seed());
            LOG.info("Model: VGG16{}\n{}", config.model().batchNorm() ? " with batch normalization" : "",
                    ModelSummary.render(graph, InputType.convolutional(
                            config.input().height(), config.input().width(), config.input().channels())));
            ImagePipeline pipeline = new ImagePipeline(data.split(), config.input(), config.data().augment(),
                    config.training().batchSize(), config.seed());
            int batchesPerEpoch = (pipeline.trainingImages() + config.training().batchSize() - 1)
                    / config.training().batchSize();
            boolean stoppedEarly;
            try (UiStatsRecorder ignored = new UiStatsRecorder(run.stats(), run.id(), graph, batchesPerEpoch)) {
                List<EpochListener> listeners = List.of(
                        new ProgressListener(config.training().epochs(), ProgressListener.terminalAttached()),
                        history,
                        new CheckpointListener(run, config.checkpoints(), best));
                LOG.info("Training on {} images, validating on {}, {} epochs of {} batches",
                        pipeline.trainingImages(), pipeline.validationImages(), config.training().epochs(),
                        batchesPerEpoch);
                stoppedEarly = new TrainingLoop(graph, pipeline, config.training().epochs(), listeners,
                        config.training().earlyStopping().map(EarlyStopping::new)).run();
            }
            AtomicFiles.write(run.model(), temporary -> ModelSerializer.writeModel(graph, temporary.toFile(), true));
            writePlots(run, history.epochs());
            RunSummary summary = summary(run, config, RunStatus.COMPLETED, history.epochs(), best,
                    stoppedEarly, started, null);
            Json.write(run.summary(), summary);
            if (stoppedEarly) {
                LOG.info("Early stopping after epoch {}: no {} improvement for {} epochs", history.epochs().size(),
                        best.metric().name().toLowerCase(Locale.ROOT), stopping.patience());
            }
            return new Result(run, summary);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Json.write(run.summary(), summary(run, config, RunStatus.FAILED, history.epochs(), best, false, started,
                    TrainingFailedException.describe(e)));
            LOG.error("Training stopped by an error (its stack trace is in train.log)", e);
            throw new TrainingFailedException(run, e);
        }
    }

    private static void writeInputs(Request request, TrainingData data, RunDirectory run,
                                    Backend.Description backend, Instant started) throws IOException {
        ExperimentConfig config = request.config();
        String resolved = ConfigYaml.render(config);
        AtomicFiles.writeString(run.config(), resolved);
        AtomicFiles.writeString(run.overrides(), request.overrides().isEmpty()
                ? "" : String.join("\n", request.overrides()) + "\n");
        DatasetSplit split = data.split();
        SplitFiles.write(run.trainSplit(), "path,label", rows(split.train(), split.classes()));
        SplitFiles.write(run.validationSplit(), "path,label", rows(split.validation(), split.classes()));
        if (!data.badImages().isEmpty()) {
            SplitFiles.write(run.skippedImages(), "path,reason", data.badImages().stream()
                    .map(bad -> List.of(bad.path().toString(), bad.reason())).toList());
            LOG.warn("Skipping {} bad image(s), listed in {}", data.badImages().size(), run.skippedImages());
            data.badImages().forEach(bad -> LOG.warn("  {}: {}", bad.path(), bad.reason()));
        }
        warnAboutDuplicates(data.duplicates());
        DatasetSplit.Fingerprint fingerprint = split.fingerprint();
        Provenance provenance = new Provenance(run.id(), config.name(), config.seed(), ConfigYaml.sha256(resolved),
                request.experimentFile().toAbsolutePath().normalize().toString(), request.overrides(),
                new Provenance.Dataset(config.data().dir().toString(), data.layout().name().toLowerCase(Locale.ROOT),
                        split.classes(), fingerprint.trainImages(), fingerprint.validationImages(),
                        fingerprint.imagesPerClass(), fingerprint.fileListSha256(), data.badImages().size()),
                new Provenance.Software(Versions.runner(), Versions.dl4j(), System.getProperty("java.version"),
                        System.getProperty("os.name") + " " + System.getProperty("os.arch")),
                new Provenance.Backend(backend.backend(), backend.blasVendor(), backend.oneDnnHelpers(),
                        backend.cudnnHelpers(), backend.cpuThreads()),
                GitCommit.of(Path.of("")).orElse(null), hostName(), started.toString());
        Json.write(run.provenance(), provenance);
        Json.write(run.summary(), new RunSummary(run.id(), RunStatus.RUNNING, 0, config.training().epochs(), false,
                null, 0, null, null, null, null, 0, 0, started.toString(), null, null));
    }

    private static void warnAboutDuplicates(List<DuplicateGroup> duplicates) {
        if (duplicates.isEmpty()) {
            return;
        }
        long acrossClasses = duplicates.stream().filter(DuplicateGroup::acrossClasses).count();
        LOG.warn("{} group(s) of identical image files{}; runner check-data lists them", duplicates.size(),
                acrossClasses == 0 ? "" : ", " + acrossClasses + " of them labelled with different classes");
    }

    private static List<List<String>> rows(List<LabeledImage> images, List<String> classes) {
        return images.stream().map(i -> List.of(i.path().toString(), classes.get(i.label()))).toList();
    }

    private static void writePlots(RunDirectory run, List<EpochMetrics> history) throws IOException {
        List<Integer> epochs = history.stream().map(EpochMetrics::epoch).toList();
        CurvePlots.write(run.lossPlot(), "loss", new CurvePlots.Curves(epochs,
                history.stream().map(EpochMetrics::trainLoss).toList(),
                history.stream().map(EpochMetrics::valLoss).toList()));
        CurvePlots.write(run.accuracyPlot(), "accuracy", new CurvePlots.Curves(epochs,
                history.stream().map(EpochMetrics::trainAccuracy).toList(),
                history.stream().map(EpochMetrics::valAccuracy).toList()));
    }

    private static RunSummary summary(RunDirectory run, ExperimentConfig config, RunStatus status,
                                      List<EpochMetrics> history, BestEpoch best, boolean stoppedEarly,
                                      Instant started, String error) {
        Instant finished = Instant.now();
        EpochMetrics top = best.best();
        EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
        // Every epoch trains on the same images, so the overall rate is the harmonic mean of the epochs' rates.
        double imagesPerSecond = history.isEmpty() ? 0
                : history.size() / history.stream().mapToDouble(m -> 1 / m.imagesPerSecond()).sum();
        return new RunSummary(run.id(), status, history.size(), config.training().epochs(), stoppedEarly,
                best.metric().name().toLowerCase(Locale.ROOT), top == null ? 0 : top.epoch(),
                top == null ? null : top.valLoss(), top == null ? null : top.valAccuracy(),
                last == null ? null : last.valLoss(), last == null ? null : last.valAccuracy(),
                (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0, imagesPerSecond,
                started.toString(), finished.toString(), error);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
