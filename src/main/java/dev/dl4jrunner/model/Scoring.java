package dev.dl4jrunner.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How a batch of the classifier's outputs scores against its labels: the cross-entropy the training minimises,
 * computed as Keras computes it (probabilities clipped to [1e-7, 1 - 1e-7]), and the images classified right. One
 * output unit is a sigmoid (class 1 when its logit is positive); several are a softmax over one-hot labels.
 *
 * <p>The training metrics are computed here from the logits of the forward pass that {@code fit} does anyway, not
 * taken from DL4J's {@code score()} after {@code fit}: with one sigmoid output (1.0.0-M2.1), that differs from
 * {@code score(batch)} for the same weights and batch (0.98 against 0.78 on a fresh batch-normalized VGG16, 0.73
 * against 0.08 once it had learned the batch), which made the training loss flat and above the validation loss.
 */
public final class Scoring {
    /** Keras' epsilon: keeps log(0) out of the loss for confidently wrong predictions. */
    private static final double EPSILON = 1e-7;

    private Scoring() {
    }

    /** The probabilities the output layer makes of {@code logits}: a sigmoid of one unit, a softmax of several. */
    public static INDArray probabilities(INDArray logits) {
        return logits.size(1) == 1 ? Transforms.sigmoid(logits, true) : Transforms.softmax(logits, true);
    }

    /** The cross-entropy of each image's {@code probabilities} against its {@code labels}, summed over the batch. */
    public static double crossEntropySum(INDArray probabilities, INDArray labels) {
        INDArray p = Transforms.max(Transforms.min(probabilities, 1 - EPSILON, true), EPSILON, false);
        INDArray logLikelihood = labels.mul(Transforms.log(p, true));
        if (probabilities.size(1) == 1) {
            logLikelihood.addi(labels.rsub(1.0).muli(Transforms.log(p.rsub(1.0), false)));
        }
        return -logLikelihood.sumNumber().doubleValue();
    }

    /** The images of the batch whose {@code logits} pick the class of their {@code labels}. */
    public static long correct(INDArray logits, INDArray labels) {
        INDArray right = logits.size(1) == 1
                ? logits.gt(0.0).castTo(labels.dataType()).eq(labels)
                : logits.argMax(1).eq(labels.argMax(1));
        return right.castTo(labels.dataType()).sumNumber().longValue();
    }
}
