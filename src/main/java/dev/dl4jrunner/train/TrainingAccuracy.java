package dev.dl4jrunner.train;

import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Counts the training images classified right, from the logits of the forward pass that {@code fit} does anyway,
 * so training accuracy costs no extra pass (Keras reports it the same way).
 */
final class TrainingAccuracy extends BaseTrainingListener {
    private INDArray labels;
    private long correct;

    /** The labels of the batch about to be fitted. */
    void expect(INDArray batchLabels) {
        this.labels = batchLabels;
        this.correct = 0;
    }

    /** Images of the last fitted batch whose predicted class was right. */
    long correct() {
        return correct;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        INDArray logits = activations.get(Vgg16Factory.LOGITS);
        if (logits == null || labels == null) {
            return;
        }
        if (logits.size(1) == 1) {
            // One sigmoid unit: class 1 when the logit is positive.
            correct = logits.gt(0.0).castTo(labels.dataType()).eq(labels).castTo(labels.dataType()).sumNumber().longValue();
        } else {
            correct = logits.argMax(1).eq(labels.argMax(1)).castTo(labels.dataType()).sumNumber().longValue();
        }
    }
}
