package dev.dl4jrunner.spark;

import dev.dl4jrunner.model.Scoring;
import dev.dl4jrunner.model.Vgg16Factory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.Map;

/**
 * A listener that travels to the workers and sums, over every batch they fit, the loss times the batch size, the
 * images and the images classified right (from the logits of the forward pass {@code fit} does anyway,
 * {@link Scoring}), into Spark accumulators the driver reads after the epoch: the training loss and accuracy a local
 * run reports, without an extra pass.
 */
final class WorkerMetrics extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DoubleAccumulator lossSum;
    private final LongAccumulator images;
    private final LongAccumulator correct;
    private transient INDArray logits;

    /** What the workers measured in one epoch. */
    record Totals(double lossSum, long images, long correct) {
    }

    WorkerMetrics(JavaSparkContext spark) {
        this.lossSum = spark.sc().doubleAccumulator("dl4j-runner training loss sum");
        this.images = spark.sc().longAccumulator("dl4j-runner training images");
        this.correct = spark.sc().longAccumulator("dl4j-runner training images right");
    }

    /** The totals since the last call, which starts the next count; on the driver. */
    Totals drain() {
        Totals totals = new Totals(lossSum.sum(), images.sum(), correct.sum());
        lossSum.reset();
        images.reset();
        correct.reset();
        return totals;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        INDArray output = activations.get(Vgg16Factory.LOGITS);
        logits = output == null ? null : output.detach();
    }

    /** The output layer has the batch's labels during the backward pass only. */
    @Override
    public void onBackwardPass(Model model) {
        INDArray labels = ((IOutputLayer) ((ComputationGraph) model).getOutputLayer(0)).getLabels();
        if (logits != null && labels != null) {
            lossSum.add(Scoring.crossEntropySum(Scoring.probabilities(logits), labels));
            images.add(labels.size(0));
            correct.add(Scoring.correct(logits, labels));
        }
        logits = null;
    }
}
