package dev.dl4jrunner.train;

import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training loop: for each epoch, fit every training batch, validate, and tell the listeners. Everything
 * else (files, checkpoints, progress, UI stats) happens in {@link EpochListener}s.
 */
public final class TrainingLoop {
    private final ComputationGraph graph;
    private final ImagePipeline data;
    private final int epochs;
    private final List<EpochListener> listeners;
    private final Optional<EarlyStopping> earlyStopping;

    public TrainingLoop(ComputationGraph graph, ImagePipeline data, int epochs, List<EpochListener> listeners,
                        Optional<EarlyStopping> earlyStopping) {
        this.graph = graph;
        this.data = data;
        this.epochs = epochs;
        this.listeners = List.copyOf(listeners);
        this.earlyStopping = earlyStopping;
    }

    /** What the loop did: every epoch's metrics, and whether early stopping ended it. */
    public record Outcome(List<EpochMetrics> epochs, boolean stoppedEarly) {
    }

    public Outcome run() throws IOException {
        TrainingAccuracy accuracy = new TrainingAccuracy();
        graph.addListeners(accuracy);
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            EpochMetrics metrics = runEpoch(epoch, accuracy);
            history.add(metrics);
            for (EpochListener listener : listeners) {
                listener.onEpochEnd(metrics, graph);
            }
            if (earlyStopping.isPresent() && earlyStopping.get().shouldStop(metrics)) {
                return new Outcome(history, true);
            }
        }
        return new Outcome(history, false);
    }

    private EpochMetrics runEpoch(int epoch, TrainingAccuracy accuracy) {
        listeners.forEach(l -> l.onEpochStart(epoch, data.trainingImages()));
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        int images = 0;
        DataSetIterator batches = data.trainingEpoch(epoch);
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            int size = batch.numExamples();
            accuracy.expect(batch.getLabels());
            graph.fit(batch);
            lossSum += graph.score() * size;
            correct += accuracy.correct();
            images += size;
            for (EpochListener listener : listeners) {
                listener.onBatchEnd(epoch, images, lossSum / images);
            }
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Validation.Result validation = Validation.evaluate(graph, data.validation(), data.classes().size());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(epoch, lossSum / images, (double) correct / images,
                validation.loss(), validation.accuracy(), validation.precision(), validation.recall(), validation.f1(),
                graph.getLearningRate(Vgg16Factory.LOGITS), seconds, images / trainSeconds);
    }
}
