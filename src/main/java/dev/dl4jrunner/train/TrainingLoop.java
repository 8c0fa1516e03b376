package dev.dl4jrunner.train;

import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
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

    /**
     * Trains until the last epoch or until early stopping; listeners keep the metrics.
     *
     * @return whether early stopping ended training
     */
    public boolean run() throws IOException {
        TrainingAccuracy accuracy = new TrainingAccuracy();
        graph.addListeners(accuracy);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            EpochMetrics metrics = runEpoch(epoch, accuracy);
            for (EpochListener listener : listeners) {
                listener.onEpochEnd(metrics, graph);
            }
            if (earlyStopping.isPresent() && earlyStopping.get().shouldStop(metrics)) {
                return true;
            }
        }
        return false;
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
