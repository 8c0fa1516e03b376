package dev.dl4jrunner.train;

import dev.dl4jrunner.model.Scoring;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Evaluates the graph on a split in inference mode: loss as the training objective computes it ({@link Scoring}),
 * accuracy, and macro precision, recall and F1.
 */
final class Validation {
    record Result(double loss, double accuracy, double precision, double recall, double f1, int images) {
    }

    private Validation() {
    }

    static Result evaluate(ComputationGraph graph, DataSetIterator batches, int numClasses) {
        Evaluation evaluation = new Evaluation(numClasses);
        double lossSum = 0;
        int images = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray labels = batch.getLabels();
            INDArray probabilities = graph.outputSingle(false, batch.getFeatures());
            lossSum += Scoring.crossEntropySum(probabilities, labels);
            evaluation.eval(labels, probabilities);
            images += batch.numExamples();
        }
        double precision = 0, recall = 0, f1 = 0;
        for (int c = 0; c < numClasses; c++) {
            precision += evaluation.precision(c);
            recall += evaluation.recall(c);
            f1 += evaluation.f1(c);
        }
        return new Result(lossSum / images, evaluation.accuracy(),
                precision / numClasses, recall / numClasses, f1 / numClasses, images);
    }
}
