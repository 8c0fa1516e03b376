package dev.dl4jrunner.train;

import dev.dl4jrunner.config.EarlyStoppingConfig;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.StoppingMetric;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.data.TrainingData;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ForwardPassCache;
import dev.dl4jrunner.model.ModelSummary;
import dev.dl4jrunner.model.Vgg16Factory;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.run.RunLog;
import dev.dl4jrunner.run.RunStatus;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A new run trained on a cluster ({@link ClusterTrainer}) from this machine, the driver: the same run directory as
 * {@link TrainingRun}'s (config, provenance with the cluster, split, metrics with validation, checkpoints, UI
 * statistics, model, plots, summary, report), so {@code runner runs} and {@code runner ui} show it beside local
 * runs, and {@code runner resume} can continue it on one machine.
 */
public final class DistributedTrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainingRun.class);

    private DistributedTrainingRun() {
    }

    public static TrainingRun.Result start(TrainingRun.Request request, TrainingData data, ClusterTrainer cluster,
                                           StopRequest stop) throws IOException, TrainingFailedException {
        ExperimentConfig config = request.config();
        Instant started = Instant.now();
        RunDirectory run = RunDirectory.create(request.runsDir(), config.name(),
                LocalDateTime.ofInstant(started, ZoneId.systemDefault()));
        try (RunLock ignored = RunLock.tryAcquire(run).orElseThrow(
                () -> new IOException("Another process took the new run directory " + run.path()));
             RunLog log = RunLog.attach(run.log())) {
            LOG.info("Run directory: {}", run.path());
            Backend.Description backend = Backend.start();
            LOG.info("Backend (driver): {}", backend);
            Provenance.Cluster where = cluster.describe();
            LOG.info("Cluster: {} master {}, application {}, {} workers, executors {}", where.kind(), where.master(),
                    where.applicationId(), where.parallelism(), String.join(", ", where.executors()));
            Provenance provenance = TrainingRun.writeInputs(request, data, run, backend, started);
            Json.write(run.provenance(), provenance.onCluster(where));
            return train(config, data, run, started.toString(), cluster, stop);
        }
    }

    private static TrainingRun.Result train(ExperimentConfig config, TrainingData data, RunDirectory run,
                                            String startedAt, ClusterTrainer cluster, StopRequest stop)
            throws IOException, TrainingFailedException {
        EarlyStoppingConfig stopping = config.training().earlyStopping().orElse(null);
        BestEpoch best = new BestEpoch(stopping == null ? StoppingMetric.VAL_LOSS : stopping.metric(),
                stopping == null ? 0 : stopping.minDelta());
        MetricsHistory history = new MetricsHistory(run.metrics(), List.of());
        Summaries summaries = new Summaries(run, config, best, startedAt, 0);
        stop.onImmediateExit(() -> summaries.writeQuietly(RunStatus.INTERRUPTED, history.epochs(), false, null));
        try {
            history.write();
            summaries.write(RunStatus.RUNNING, history.epochs(), false, null);
            ComputationGraph built = Vgg16Factory.build(config.model(), config.optimizer(), config.input(),
                    data.split().classes().size(), config.seed());
            ComputationGraph graph = ForwardPassCache.apply(built, config.training().cacheForwardPass());
            LOG.info("Model: VGG16{}\n{}", config.model().batchNorm() ? " with batch normalization" : "",
                    ModelSummary.render(graph, InputType.convolutional(
                            config.input().height(), config.input().width(), config.input().channels())));
            ImagePipeline pipeline = new ImagePipeline(data.split(), config.input(), config.data().augment(),
                    config.training().batchSize(), config.seed());
            TrainingLoop.Result result;
            try (UiStatsRecorder stats = UiStatsRecorder.receiving(run.stats())) {
                int batchSize = config.spark().orElseThrow().batchSizePerWorker(config.training());
                int batchesPerEpoch = (pipeline.trainingImages() + batchSize - 1) / batchSize;
                cluster.attach(graph, pipeline, stats.router(), run.id(), UiStatsRecorder.reportingInterval(batchesPerEpoch));
                LOG.info("Training on {} images, validating on {}, {} epochs of {} batches of {} per worker",
                        pipeline.trainingImages(), pipeline.validationImages(), config.training().epochs(),
                        batchesPerEpoch, batchSize);
                List<EpochListener> listeners = List.of(
                        new ProgressListener(config.training().epochs(), false), history);
                result = new DistributedTrainingLoop(graph, pipeline, config.training().epochs(), cluster, listeners,
                        new Checkpoints(run, config.checkpoints(), best),
                        config.training().earlyStopping().map(EarlyStopping::new), stop).run(TrainingState.start());
            }
            return TrainingRun.finish(run, graph, result, summaries, best, stopping);
        } catch (Exception | OutOfMemoryError e) {
            // Exception, not only RuntimeException: Scala code throws checked exceptions (SparkException) undeclared.
            summaries.writeQuietly(RunStatus.FAILED, history.epochs(), false, TrainingFailedException.describe(e));
            TrainingRun.writeReport(run);
            LOG.error("Training stopped by an error (its stack trace is in train.log)", e);
            throw new TrainingFailedException(run, e);
        } finally {
            stop.onImmediateExit(() -> { });
        }
    }
}
