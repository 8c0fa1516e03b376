package dev.dl4jrunner.spark;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.SparkConfig;
import dev.dl4jrunner.config.SparkTrainingMaster;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.data.LabeledImage;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.train.ClusterTrainer;
import dev.dl4jrunner.train.EpochProgress;
import dev.dl4jrunner.train.UiStatsRecorder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains on Spark with DL4J's {@link SparkComputationGraph}: every epoch, the training split's (path, label) pairs
 * in the epoch's order, cut into batches of {@code spark.batch_size_per_worker}, become RDDs the executors decode,
 * and DL4J's training master fits the graph on them; the driver's graph then holds the averaged parameters and
 * updater state.
 */
public final class SparkClusterTrainer implements ClusterTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkClusterTrainer.class);

    private final JavaSparkContext spark;
    private final SparkConfig settings;
    private final int batchSizePerWorker;
    private final long seed;
    private SparkComputationGraph network;
    private WorkerMetrics metrics;
    private ImagePipeline data;
    private ImageBatchReader reader;

    public SparkClusterTrainer(JavaSparkContext spark, ExperimentConfig config) {
        this.spark = spark;
        this.settings = config.spark().orElse(SparkConfig.DEFAULTS);
        this.batchSizePerWorker = settings.batchSizePerWorker(config.training());
        this.seed = config.seed();
    }

    @Override
    public Provenance.Cluster describe() {
        List<String> executors = Arrays.stream(spark.sc().statusTracker().getExecutorInfos())
                .map(executor -> executor.host() + ":" + executor.port()).sorted().toList();
        return new Provenance.Cluster("spark", spark.master(), spark.sc().applicationId(), spark.version(),
                spark.defaultParallelism(), executors, settings.trainingMaster().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void attach(ComputationGraph graph, ImagePipeline pipeline, StatsStorageRouter stats, String sessionId,
                       int reportEvery) {
        this.data = pipeline;
        this.reader = new ImageBatchReader(pipeline.input(), pipeline.augment(), pipeline.classes());
        this.network = new SparkComputationGraph(spark, graph,
                TrainingMasters.create(settings, batchSizePerWorker, seed, spark.getConf().get("spark.driver.host")));
        this.metrics = new WorkerMetrics(spark);
        if (settings.trainingMaster() == SparkTrainingMaster.PARAMETER_AVERAGING) {
            network.setListeners(stats, List.of(UiStatsRecorder.listener(null, sessionId, reportEvery), metrics));
        } else {
            // DL4J's gradient-sharing workers would serialize the driver's statistics storage, which cannot be.
            LOG.warn("No UI statistics with spark.training_master shared_gradients: stats.dl4j stays empty");
            network.setListeners(metrics);
        }
    }

    @Override
    public EpochProgress fitEpoch(int epoch) {
        metrics.drain();
        long start = System.nanoTime();
        List<ImageBatchTask> tasks = tasks(data.trainingOrder(epoch), epoch);
        int perRound = batchesPerRound(tasks.size());
        for (int from = 0; from < tasks.size(); from += perRound) {
            List<ImageBatchTask> round = new ArrayList<>(tasks.subList(from, Math.min(tasks.size(), from + perRound)));
            JavaRDD<DataSet> batches = spark.parallelize(round, Math.min(round.size(), spark.defaultParallelism()))
                    .map(reader);
            network.fit(batches);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        WorkerMetrics.Totals totals = metrics.drain();
        if (totals.images() != data.trainingImages()) {
            LOG.warn("Epoch {}: the workers fitted {} of the {} training images", epoch, totals.images(),
                    data.trainingImages());
        }
        return new EpochProgress(epoch, tasks.size(), (int) totals.images(), totals.lossSum(), totals.correct(),
                seconds, 0);
    }

    /**
     * How many batches one {@code fit} gets. Parameter averaging fits at most {@code averaging_frequency} batches
     * per worker and split, and splits a larger RDD at random, so that a split with more drops the rest: an RDD of
     * exactly one round (workers x averaging_frequency batches, rebalanced over the workers) is fitted whole.
     */
    private int batchesPerRound(int batches) {
        return settings.trainingMaster() == SparkTrainingMaster.PARAMETER_AVERAGING
                ? spark.defaultParallelism() * settings.averagingFrequency() : batches;
    }

    /** The epoch's images in batches; each batch's augmentation is seeded by the run's seed, the epoch and its place. */
    private List<ImageBatchTask> tasks(List<LabeledImage> order, int epoch) {
        List<ImageBatchTask> tasks = new ArrayList<>();
        long epochSeed = data.augmentationSeed(epoch);
        for (int from = 0; from < order.size(); from += batchSizePerWorker) {
            List<LabeledImage> batch = order.subList(from, Math.min(order.size(), from + batchSizePerWorker));
            tasks.add(new ImageBatchTask(batch.stream().map(image -> image.path().toString()).toList(),
                    batch.stream().map(LabeledImage::label).toList(), Objects.hash(epochSeed, tasks.size())));
        }
        return tasks;
    }
}
