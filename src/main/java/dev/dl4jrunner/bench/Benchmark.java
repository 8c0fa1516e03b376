package dev.dl4jrunner.bench;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.data.DatasetSplit;
import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.model.Backend;
import dev.dl4jrunner.model.ModelFlops;
import dev.dl4jrunner.model.TrainingLayers;
import dev.dl4jrunner.model.Vgg16Factory;
import dev.dl4jrunner.train.HeapWarmup;
import dev.dl4jrunner.train.LoopOverhead;
import dev.dl4jrunner.train.NativeMemoryPlan;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures how fast an experiment's model trains and predicts on this machine, on the experiment's own images:
 * time to the first finished iteration, the input pipeline alone, training and inference on batches already in
 * memory (so that neither waits for the other), memory, and the arithmetic rate against the GEMM peak.
 */
public final class Benchmark {
    private final ExperimentConfig config;
    private final DatasetSplit split;
    private final int warmup;
    private final int iterations;

    /** {@code split}: the experiment's images, unchecked (bench measures speed, not data). */
    public Benchmark(ExperimentConfig config, DatasetSplit split, int warmup, int iterations) {
        this.config = config;
        this.split = split;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    public BenchResult run(String experimentName) throws IOException {
        StartupPhases startup = StartupPhases.sinceCommandStart();
        HeapWarmup heapWarmup = HeapWarmup.start(config);
        Backend.Description backend = Backend.start();
        startup.end("backend");
        InputConfig input = config.input();
        ImagePipeline pipeline = new ImagePipeline(split, input, config.data().augment(),
                config.training().batchSize(), config.seed());
        // The first batch is decoded while the graph is built, as in training.
        pipeline.readAhead(1);
        ComputationGraph graph = TrainingLayers.apply(Vgg16Factory.build(config.model(), config.optimizer(), input,
                split.classes().size(), config.seed()), config.training().cacheForwardPass());
        Optional<String> memoryChange = NativeMemoryPlan.forTraining(graph.getConfiguration(), input,
                config.training().batchSize(), 1).flatMap(plan -> plan.apply(heapWarmup));
        startup.end("model");
        DataSetIterator first = pipeline.trainingEpoch(1);
        // The prefetching iterator only hands out a batch once asked whether it has one.
        first.hasNext();
        DataSet firstBatch = first.next();
        startup.end("first_batch");
        heapWarmup.beforeFirstStep();
        graph.fit(firstBatch);
        startup.end("first_fit");
        stop(first);

        int needed = warmup + iterations;
        long pipelineStart = System.nanoTime();
        List<DataSet> batches = read(pipeline, needed);
        double pipelineSeconds = (System.nanoTime() - pipelineStart) / 1e9;
        int pipelineImages = batches.stream().mapToInt(DataSet::numExamples).sum();

        Timings training = new Timings(iterations);
        Timings inference = new Timings(iterations);
        for (int i = 0; i < needed; i++) {
            DataSet batch = batches.get(i);
            long start = System.nanoTime();
            graph.fit(batch);
            if (i == 0) {
                heapWarmup.afterSecondStep();
            }
            if (i >= warmup) {
                double seconds = (System.nanoTime() - start) / 1e9;
                training.add(seconds / batch.numExamples());
            }
        }
        for (int i = 0; i < needed; i++) {
            DataSet batch = batches.get(i);
            long start = System.nanoTime();
            graph.output(false, batch.getFeatures());
            if (i >= warmup) {
                inference.add((System.nanoTime() - start) / 1e9 / batch.numExamples());
            }
        }
        int batchesPerEpoch = (pipeline.trainingImages() + config.training().batchSize() - 1)
                / config.training().batchSize();
        LoopOverhead.Result loop = LoopOverhead.measure(graph, batches.subList(warmup, needed), batchesPerEpoch);
        double listenerShare = loop.listenerShare();
        double checkpointShare = loop.checkpointShare(batchesPerEpoch);
        ModelFlops flops = ModelFlops.of(graph.getConfiguration(),
                InputType.convolutional(input.height(), input.width(), input.channels()));
        double trainRate = 1 / training.median();
        return new BenchResult(experimentName, List.of(input.height(), input.width(), input.channels()),
                config.model().dense(), config.model().batchNorm(), split.classes().size(),
                config.training().batchSize(), warmup, iterations, backend.toString(),
                trainRate, 1 / inference.median(), pipelineImages / pipelineSeconds, startup.total(), startup.seconds(),
                heapWarmup.warmedBytes(),
                Memory.peakResidentBytes(), Memory.peakHeapBytes(),
                NativeMemoryPlan.estimate(graph.getConfiguration(), input, config.training().batchSize()).orElse(0),
                memoryChange.orElse(""),
                flops.forwardPerImage() / 1e9, flops.trainingPerImage() / 1e9,
                flops.trainingPerImage() / 1e9 * trainRate, GemmPeak.measure(), listenerShare,
                loop.checkpointSeconds(), listenerShare + checkpointShare);
    }

    /** {@code count} batches through the training pipeline, starting an epoch again when one runs out. */
    private static List<DataSet> read(ImagePipeline pipeline, int count) {
        List<DataSet> batches = new ArrayList<>(count);
        for (int epoch = 2; batches.size() < count; epoch++) {
            DataSetIterator iterator = pipeline.trainingEpoch(epoch);
            while (iterator.hasNext() && batches.size() < count) {
                DataSet batch = iterator.next();
                // The prefetching iterator reuses its memory for later batches; these are kept.
                batch.detach();
                batches.add(batch);
            }
            stop(iterator);
        }
        return batches;
    }

    /** Ends the prefetch thread of an iterator left part-way, so that it does not compete with what follows. */
    private static void stop(DataSetIterator iterator) {
        if (iterator instanceof AsyncDataSetIterator prefetching) {
            prefetching.shutdown();
        }
    }
}
