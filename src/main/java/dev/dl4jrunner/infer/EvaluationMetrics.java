package dev.dl4jrunner.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How well predictions match the labels: accuracy, per class precision, recall and F1 and their averages over the
 * classes, the log loss, the ROC AUC of a two-class run, and the confusion matrix they come from.
 *
 * <p>The macro averages are taken over the classes that have images in the evaluated data, with an undefined
 * precision (a class never predicted) counted as 0, as DL4J's {@code Evaluation} and scikit-learn do: on a data set
 * with every class this is exactly how training computes {@code val_precision}, {@code val_recall} and
 * {@code val_f1}. The log loss is the training loss: binary (or categorical) cross-entropy with probabilities
 * clipped to [1e-7, 1 - 1e-7], as Keras does.
 *
 * @param rocAuc     for two classes, of the second class's probability; empty with one class only, or more than two
 */
public record EvaluationMetrics(ConfusionMatrix confusion, List<ClassMetrics> perClass, OptionalDouble accuracy,
                                double macroPrecision, double macroRecall, double macroF1, double logLoss,
                                OptionalDouble rocAuc) {
    /** Keras' epsilon, the training loss's clipping. */
    static final double EPSILON = 1e-7;

    /** One class's values; empty where undefined. */
    public record ClassMetrics(String name, long images, long predicted, OptionalDouble precision,
                               OptionalDouble recall, OptionalDouble f1) {
    }

    public EvaluationMetrics {
        perClass = List.copyOf(perClass);
    }

    /**
     * @param classes       class names in label order
     * @param actual        each image's class index
     * @param probabilities each image's probability per class, rows summing to 1
     */
    public static EvaluationMetrics of(List<String> classes, int[] actual, float[][] probabilities) {
        if (actual.length == 0) {
            throw new IllegalArgumentException("No predictions to evaluate");
        }
        int[] predicted = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            predicted[i] = new Prediction(null, probabilities[i]).predicted();
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(classes, actual, predicted);
        List<ClassMetrics> perClass = new ArrayList<>();
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < classes.size(); c++) {
            ClassMetrics metrics = new ClassMetrics(classes.get(c), confusion.support(c), confusion.predictedAs(c),
                    confusion.precision(c), confusion.recall(c), confusion.f1(c));
            perClass.add(metrics);
            if (metrics.images() > 0) {
                present++;
                precision += metrics.precision().orElse(0);
                recall += metrics.recall().orElse(0);
                f1 += metrics.f1().orElse(0);
            }
        }
        return new EvaluationMetrics(confusion, perClass, confusion.accuracy(), precision / present,
                recall / present, f1 / present, logLoss(actual, probabilities), rocAuc(classes, actual, probabilities));
    }

    /** Mean of -log(probability of the actual class), clipped; for two classes the binary cross-entropy. */
    static double logLoss(int[] actual, float[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.min(Math.max(probabilities[i][actual[i]], EPSILON), 1 - EPSILON);
            sum -= Math.log(p);
        }
        return sum / actual.length;
    }

    private static OptionalDouble rocAuc(List<String> classes, int[] actual, float[][] probabilities) {
        if (classes.size() != 2) {
            return OptionalDouble.empty();
        }
        boolean[] positive = new boolean[actual.length];
        double[] score = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            positive[i] = actual[i] == 1;
            score[i] = probabilities[i][1];
        }
        return RocAuc.of(positive, score);
    }

    public long misclassified() {
        return confusion.total() - confusion.correct();
    }
}
