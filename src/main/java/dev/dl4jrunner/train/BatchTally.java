package dev.dl4jrunner.train;

import dev.dl4jrunner.model.Scoring;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up the training loss and the images classified right over the batches fitted since the last
 * {@link #drain()}, from the logits of the forward pass that {@code fit} does anyway ({@link Scoring}), so training
 * metrics cost no extra pass (Keras reports them the same way: before each batch's update, dropout applied).
 *
 * <p>It may listen to several copies of the model fitting on several threads at once ({@code ParallelWrapper}'s
 * workers): a forward pass finds its batch's labels by the identity of the features array the model was given,
 * and counts once that model's iteration is done.
 */
final class BatchTally extends BaseTrainingListener {
    /** What a group of fitted batches adds to an epoch: images, the sum of loss times images, right answers. */
    record Sums(int images, double lossSum, long correct) {
    }

    private record Pending(int images, double lossSum, long correct) {
    }

    private final Map<INDArray, INDArray> labelsByFeatures = new IdentityHashMap<>();
    private final Map<Model, Pending> pending = new IdentityHashMap<>();
    private int images;
    private double lossSum;
    private long correct;

    /** The batches about to be fitted. */
    synchronized void expect(List<DataSet> batches) {
        labelsByFeatures.clear();
        batches.forEach(batch -> labelsByFeatures.put(batch.getFeatures(), batch.getLabels()));
    }

    /** The sums since the last call, which start again from zero. */
    synchronized Sums drain() {
        Sums sums = new Sums(images, lossSum, correct);
        images = 0;
        lossSum = 0;
        correct = 0;
        labelsByFeatures.clear();
        pending.clear();
        return sums;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        INDArray logits = activations.get(Vgg16Factory.LOGITS);
        INDArray labels;
        synchronized (this) {
            labels = labelsByFeatures.get(((ComputationGraph) model).getInput(0));
        }
        if (logits == null || labels == null) {
            return;
        }
        long right = Scoring.correct(logits, labels);
        double lossSum = Scoring.crossEntropySum(Scoring.probabilities(logits), labels);
        synchronized (this) {
            pending.put(model, new Pending((int) labels.size(0), lossSum, right));
        }
    }

    @Override
    public synchronized void iterationDone(Model model, int iteration, int epoch) {
        Pending batch = pending.remove(model);
        if (batch == null) {
            return;
        }
        images += batch.images();
        lossSum += batch.lossSum();
        correct += batch.correct();
    }
}
