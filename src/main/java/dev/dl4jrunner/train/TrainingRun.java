package dev.dl4jrunner.train;

import dev.dl4jrunner.config.ConfigYaml;
import dev.dl4jrunner.config.EarlyStoppingConfig;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ParallelMode;
import dev.dl4jrunner.config.Parallelism;
import dev.dl4jrunner.config.StoppingMetric;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.DuplicateGroup;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.data.LabeledImage;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.launch.ProcessTuning;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ModelSummary;
import dev.dl4jrunner.model.TrainingLayers;
import dev.dl4jrunner.model.Vgg16Factory;
import dev.dl4jrunner.report.CurvePlots;
import dev.dl4jrunner.report.ReportFile;
import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.GitCommit;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.run.RunLog;
import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.run.RunSummary;
import dev.dl4jrunner.run.SplitFiles;
import dev.dl4jrunner.run.Versions;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One training run, new or resumed, in the order the run directory is filled: the resolved config, provenance and
 * split before the first batch; metrics, checkpoints and UI stats during training; the final model, plots,
 * summary and report at the end. A run that fails or is interrupted still gets its summary, with status {@code failed} or
 * {@code interrupted}, and keeps its last checkpoint.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final double GIB = 1024.0 * 1024 * 1024;

    /** What to train and where the run directory goes. */
    public record Request(ExperimentConfig config, Path experimentFile, List<String> overrides, Path runsDir) {
        public Request {
            overrides = List.copyOf(overrides);
        }
    }

    /** A run that ended without error: its directory, summary, and where training stands. */
    public record Result(RunDirectory run, RunSummary summary, TrainingState state) {
    }

    /** Where the model of a session comes from: a new graph, or a checkpoint. */
    @FunctionalInterface
    private interface ModelSource {
        ComputationGraph load() throws IOException;
    }

    private TrainingRun() {
    }

    /** Trains a new run in a new directory under the request's runs directory. */
    public static Result start(Request request, TrainingData data, StopRequest stop)
            throws IOException, TrainingFailedException {
        ExperimentConfig config = request.config();
        HeapWarmup warmup = HeapWarmup.start(config);
        Instant started = Instant.now();
        RunDirectory run = RunDirectory.create(request.runsDir(), config.name(),
                LocalDateTime.ofInstant(started, ZoneId.systemDefault()));
        try (RunLock ignored = RunLock.tryAcquire(run).orElseThrow(
                () -> new IOException("Another process took the new run directory " + run.path()));
             RunLog log = RunLog.attach(run.log())) {
            LOG.info("Run directory: {}", run.path());
            Backend.Description backend = Backend.start();
            logBackend(backend);
            writeInputs(request, data, run, backend, started);
            ModelSource newGraph = () -> Vgg16Factory.build(config.model(), config.optimizer(), config.input(),
                    data.split().classes().size(), config.seed());
            return train(config, data, run, started.toString(), newGraph, TrainingState.start(), stop, warmup);
        }
    }

    /** Continues a checked run in its own directory from its last checkpoint. */
    public static Result resume(Resumption resumption, StopRequest stop) throws IOException, TrainingFailedException {
        RunDirectory run = resumption.run();
        HeapWarmup warmup = HeapWarmup.start(resumption.config());
        int leftovers = AtomicFiles.removeLeftovers(run.path()) + AtomicFiles.removeLeftovers(run.checkpoints());
        try (RunLog log = RunLog.attach(run.log())) {
            TrainingState state = resumption.state();
            LOG.info("Resuming run {} {}", run.path(), state.describe());
            if (leftovers > 0) {
                LOG.info("Removed {} temporary file(s) an interrupted write left behind", leftovers);
            }
            logBackend(Backend.start());
            ExperimentConfig config = resumption.config();
            String now = Instant.now().toString();
            if (resumption.configChanged()) {
                String resolved = ConfigYaml.render(config);
                AtomicFiles.writeString(run.config(), resolved);
                Json.write(run.provenance(), resumption.provenance().resumed(now, ConfigYaml.sha256(resolved)));
                LOG.info("training.epochs is now {}", config.training().epochs());
            } else {
                Json.write(run.provenance(), resumption.provenance().resumed(now,
                        resumption.provenance().configSha256()));
            }
            ModelSource checkpoint = Files.exists(run.lastCheckpoint())
                    ? () -> CheckpointFile.readModel(run.lastCheckpoint())
                    : () -> Vgg16Factory.build(config.model(), config.optimizer(), config.input(),
                            resumption.data().split().classes().size(), config.seed());
            return train(config, resumption.data(), run, resumption.provenance().startedAt(), checkpoint, state, stop,
                    warmup);
        }
    }

    private static Result train(ExperimentConfig config, TrainingData data, RunDirectory run, String startedAt,
                                ModelSource model, TrainingState start, StopRequest stop, HeapWarmup warmup)
            throws IOException, TrainingFailedException {
        EarlyStoppingConfig stopping = config.training().earlyStopping().orElse(null);
        BestEpoch best = new BestEpoch(stopping == null ? StoppingMetric.VAL_LOSS : stopping.metric(),
                stopping == null ? 0 : stopping.minDelta());
        start.epochs().forEach(best::offer);
        MetricsHistory history = new MetricsHistory(run.metrics(), start.epochs());
        Summaries summaries = new Summaries(run, config, best, startedAt, start.elapsedSeconds());
        stop.onImmediateExit(() -> summaries.writeQuietly(RunStatus.INTERRUPTED, history.epochs(), false, null));
        try {
            history.write();
            summaries.write(RunStatus.RUNNING, history.epochs(), false, null);
            ImagePipeline pipeline = new ImagePipeline(data.split(), config.input(), config.data().augment(),
                    config.training().batchSize(), config.seed());
            if (start.current().epoch() <= config.training().epochs()) {
                pipeline.readAhead(start.current().epoch());
            }
            ComputationGraph graph = TrainingLayers.apply(model.load(), config.training().cacheForwardPass());
            NativeMemoryPlan.forTraining(graph.getConfiguration(), config.input(), config.training().batchSize(),
                    config.training().parallelism().workers()).flatMap(plan -> plan.apply(warmup)).ifPresent(LOG::info);
            if (warmup.plannedBytes() > 0) {
                LOG.info("Native memory: {} GiB being written ahead of the first iterations, as much as they took in "
                        + "an earlier run of this model",
                        String.format(Locale.ROOT, "%.2f", warmup.plannedBytes() / GIB));
            }
            LOG.info("Model: VGG16{}\n{}", config.model().batchNorm() ? " with batch normalization" : "",
                    ModelSummary.render(graph, InputType.convolutional(
                            config.input().height(), config.input().width(), config.input().channels())));
            int batchesPerEpoch = (pipeline.trainingImages() + config.training().batchSize() - 1)
                    / config.training().batchSize();
            TrainingLoop.Result result;
            try (UiStatsRecorder ignored = UiStatsRecorder.attach(run.stats(), run.id(), graph, batchesPerEpoch)) {
                List<EpochListener> listeners = List.of(
                        new ProgressListener(config.training().epochs(), ProgressListener.terminalAttached()),
                        history);
                LOG.info("Training on {} images, validating on {}, {} epochs of {} batches",
                        pipeline.trainingImages(), pipeline.validationImages(), config.training().epochs(),
                        batchesPerEpoch);
                Parallelism parallelism = config.training().parallelism();
                if (parallelism.workers() > 1) {
                    LOG.info(describe(parallelism));
                }
                result = new TrainingLoop(graph, pipeline, config.training().epochs(),
                        warmup.around(BatchFitter.of(graph, parallelism, config.seed())), listeners,
                        new Checkpoints(run, config.checkpoints(), best),
                        config.training().earlyStopping().map(EarlyStopping::new), stop).run(start);
            }
            return finish(run, graph, result, summaries, best, stopping);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            summaries.writeQuietly(RunStatus.FAILED, history.epochs(), false, TrainingFailedException.describe(e));
            writeReport(run);
            LOG.error("Training stopped by an error (its stack trace is in train.log)", e);
            throw new TrainingFailedException(run, e);
        } finally {
            stop.onImmediateExit(() -> { });
        }
    }

    /**
     * After the loop, whatever ran it: the plots, the final model unless training was interrupted, the summary and
     * the report.
     */
    static Result finish(RunDirectory run, ComputationGraph graph, TrainingLoop.Result result, Summaries summaries,
                         BestEpoch best, EarlyStoppingConfig stopping) throws IOException {
        if (!result.state().epochs().isEmpty()) {
            writePlots(run, result.state().epochs());
        }
        RunSummary summary;
        if (result.outcome() == TrainingLoop.Outcome.INTERRUPTED) {
            summary = summaries.write(RunStatus.INTERRUPTED, result.state().epochs(), false, null);
            LOG.info("Interrupted {}; checkpoint written", result.state().describe());
        } else {
            CheckpointFile.write(run.model(), graph, result.state());
            boolean stoppedEarly = result.outcome() == TrainingLoop.Outcome.STOPPED_EARLY;
            summary = summaries.write(RunStatus.COMPLETED, result.state().epochs(), stoppedEarly, null);
            if (stoppedEarly) {
                LOG.info("Early stopping after epoch {}: no {} improvement for {} epochs",
                        result.state().completedEpochs(), best.metric().name().toLowerCase(Locale.ROOT),
                        stopping.patience());
            }
        }
        writeReport(run);
        return new Result(run, summary, result.state());
    }

    /** Writes what a run starts from (config, overrides, split, skipped images, provenance); returns the provenance. */
    static Provenance writeInputs(Request request, TrainingData data, RunDirectory run,
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
                        backend.cudnnHelpers(), backend.cpuThreads(), backend.tuning()),
                GitCommit.of(Path.of("")).orElse(null), hostName(), started.toString(), List.of());
        Json.write(run.provenance(), provenance);
        return provenance;
    }

    private static void logBackend(Backend.Description backend) {
        LOG.info("Backend: {}", backend);
        ProcessTuning.advice().ifPresent(LOG::info);
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

    static void writePlots(RunDirectory run, List<EpochMetrics> history) throws IOException {
        List<Integer> epochs = history.stream().map(EpochMetrics::epoch).toList();
        CurvePlots.write(run.lossPlot(), "loss", new CurvePlots.Curves(epochs,
                history.stream().map(EpochMetrics::trainLoss).toList(),
                history.stream().map(EpochMetrics::valLoss).toList()));
        CurvePlots.write(run.accuracyPlot(), "accuracy", new CurvePlots.Curves(epochs,
                history.stream().map(EpochMetrics::trainAccuracy).toList(),
                history.stream().map(EpochMetrics::valAccuracy).toList()));
    }

    private static String describe(Parallelism parallelism) {
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        return "Workers: " + parallelism.workers() + " (DL4J ParallelWrapper, "
                + (parallelism.mode() == ParallelMode.AVERAGING
                        ? "parameters and updater state averaged every " + parallelism.averagingFrequency()
                                + " batch(es) per worker"
                        : "shared gradients")
                + ") on " + devices + " device" + (devices == 1 ? "" : "s")
                + (parallelism.workers() > devices ? "; workers beyond the devices share them" : "");
    }

    /** The report is a convenience: a run never fails for want of one. */
    static void writeReport(RunDirectory run) {
        try {
            ReportFile.write(run);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write {}: {}", run.report(), e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
