package dev.dl4jrunner.infer;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Metrics of fixed tiny prediction sets, checked against values worked out by hand from their confusion matrices,
 * then against DL4J's own {@code Evaluation} and {@code ROC} on the same predictions.
 */
class EvaluationMetricsTest {
    private static final List<String> CATS_DOGS = List.of("cat", "dog");

    /**
     * Four cats with p(dog) 0.1 0.4 0.6 0.8, six dogs with 0.9 0.7 0.55 0.3 0.2 0.65. Confusion matrix
     * (rows actual, columns predicted): cat [2 2], dog [2 4].
     */
    private static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    private static final float[] P_DOG = {0.1f, 0.4f, 0.6f, 0.8f, 0.9f, 0.7f, 0.55f, 0.3f, 0.2f, 0.65f};

    @Test
    void aBinaryPredictionSetGivesTheHandComputedValues() {
        EvaluationMetrics metrics = EvaluationMetrics.of(CATS_DOGS, ACTUAL, binary(P_DOG));

        ConfusionMatrix confusion = metrics.confusion();
        assertThat(confusion.rows()).isDeepEqualTo(new long[][] {{2, 2}, {2, 4}});
        assertThat(metrics.accuracy().getAsDouble()).isEqualTo(0.6); // 6 of 10
        EvaluationMetrics.ClassMetrics cat = metrics.perClass().get(0);
        EvaluationMetrics.ClassMetrics dog = metrics.perClass().get(1);
        assertThat(cat.images()).isEqualTo(4);
        assertThat(cat.predicted()).isEqualTo(4);
        assertThat(cat.precision().getAsDouble()).isEqualTo(0.5); // 2 / (2 + 2)
        assertThat(cat.recall().getAsDouble()).isEqualTo(0.5); // 2 / 4
        assertThat(cat.f1().getAsDouble()).isEqualTo(0.5);
        assertThat(dog.precision().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12)); // 4 / (4 + 2)
        assertThat(dog.recall().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12)); // 4 / 6
        assertThat(dog.f1().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(metrics.macroPrecision()).isCloseTo((0.5 + 4.0 / 6) / 2, within(1e-12));
        assertThat(metrics.macroRecall()).isCloseTo((0.5 + 4.0 / 6) / 2, within(1e-12));
        assertThat(metrics.macroF1()).isCloseTo((0.5 + 4.0 / 6) / 2, within(1e-12));
        // Dog-cat pairs where the dog scores higher: 4 + 3 + 2 + 1 + 1 + 3 = 14 of 6 * 4.
        assertThat(metrics.rocAuc().getAsDouble()).isCloseTo(14.0 / 24, within(1e-12));
        // -mean log p(actual class): cats 0.9 0.6 0.4 0.2, dogs 0.9 0.7 0.55 0.3 0.2 0.65.
        double expectedLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.4) + Math.log(0.2) + Math.log(0.9)
                + Math.log(0.7) + Math.log(0.55) + Math.log(0.3) + Math.log(0.2) + Math.log(0.65)) / 10;
        assertThat(metrics.logLoss()).isCloseTo(expectedLoss, within(1e-6)).isCloseTo(0.744598, within(1e-6));
        assertThat(metrics.misclassified()).isEqualTo(4);
    }

    @Test
    void dl4jAgreesOnTheBinarySet() {
        EvaluationMetrics metrics = EvaluationMetrics.of(CATS_DOGS, ACTUAL, binary(P_DOG));

        assertAgreesWithDl4j(metrics, ACTUAL, P_DOG);
    }

    @Test
    void aProbabilityOfExactlyOneHalfIsTheFirstClassAsInDl4jAndKeras() {
        int[] actual = {0, 1, 1, 0};
        float[] pDog = {0.5f, 0.5f, 0.50001f, 0.49999f};

        EvaluationMetrics metrics = EvaluationMetrics.of(CATS_DOGS, actual, binary(pDog));

        assertThat(metrics.confusion().rows()).isDeepEqualTo(new long[][] {{2, 0}, {1, 1}});
        assertAgreesWithDl4j(metrics, actual, pDog, false);
        // The dog and the cat at 0.5 tie: that pair counts half, (1 + 1 + 1 + 0.5) / 4. DL4J's exact ROC counts
        // it as lost and gives 0.75; with sigmoid outputs saturating at exactly 0 or 1, ties do happen.
        assertThat(metrics.rocAuc().getAsDouble()).isEqualTo(0.875);
    }

    @Test
    void randomBinarySetsAgreeWithDl4j() {
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            int n = 5 + random.nextInt(200);
            int[] actual = new int[n];
            float[] pDog = new float[n];
            for (int i = 0; i < n; i++) {
                actual[i] = random.nextInt(2);
                // Informative but noisy scores, distinct, so that DL4J's exact ROC has no ties to treat its own way.
                pDog[i] = (float) Math.min(0.999, Math.max(0.001, 0.5 + (actual[i] - 0.5) * 0.3 + random.nextGaussian() * 0.25))
                        + i * 1e-6f;
            }
            if (java.util.Arrays.stream(actual).distinct().count() < 2) {
                continue;
            }
            assertAgreesWithDl4j(EvaluationMetrics.of(CATS_DOGS, actual, binary(pDog)), actual, pDog);
        }
    }

    @Test
    void aTieBetweenClassesCountsHalfInTheAuc() {
        assertThat(RocAuc.of(new boolean[] {true, false}, new double[] {0.5, 0.5}).getAsDouble()).isEqualTo(0.5);
        // positives 0.8, 0.5; negatives 0.5, 0.2: pairs won 1 + 1 + 1 + 0.5 (the tie) of 4.
        assertThat(RocAuc.of(new boolean[] {true, true, false, false}, new double[] {0.8, 0.5, 0.5, 0.2})
                .getAsDouble()).isEqualTo(3.5 / 4);
    }

    @Test
    void valuesWithoutADenominatorAreUndefinedNotZero() {
        // Only dogs, all predicted dog: no cat was ever predicted, and there are no cats.
        EvaluationMetrics metrics = EvaluationMetrics.of(CATS_DOGS, new int[] {1, 1, 1}, binary(0.9f, 0.8f, 0.7f));

        EvaluationMetrics.ClassMetrics cat = metrics.perClass().get(0);
        assertThat(cat.precision()).isEmpty();
        assertThat(cat.recall()).isEmpty();
        assertThat(cat.f1()).isEmpty();
        assertThat(metrics.rocAuc()).as("one class only").isEmpty();
        assertThat(metrics.accuracy().getAsDouble()).isEqualTo(1.0);
        assertThat(metrics.macroPrecision()).as("over the classes present: dog").isEqualTo(1.0);
    }

    @Test
    void aClassNeverPredictedCountsAsZeroPrecisionInTheAverage() {
        // Two cats and two dogs, everything predicted dog.
        EvaluationMetrics metrics = EvaluationMetrics.of(CATS_DOGS, new int[] {0, 0, 1, 1},
                binary(0.9f, 0.8f, 0.7f, 0.6f));

        assertThat(metrics.perClass().get(0).precision()).isEmpty();
        assertThat(metrics.perClass().get(0).f1().getAsDouble()).isZero(); // 2*0 / (0 + 0 + 2)
        assertThat(metrics.macroPrecision()).isEqualTo((0 + 0.5) / 2);
        assertThat(metrics.macroRecall()).isEqualTo((0 + 1.0) / 2);
    }

    /**
     * Three classes, six images: rows actual, columns predicted: a [1 1 0], b [0 2 0], c [1 0 1]. Precision a 1/2,
     * b 2/3, c 1/1; recall a 1/2, b 2/2, c 1/2; F1 a 1/2, b 4/5, c 2/3.
     */
    @Test
    void aThreeClassPredictionSetGivesTheHandComputedValuesAndDl4jAgrees() {
        List<String> classes = List.of("a", "b", "c");
        int[] actual = {0, 0, 1, 1, 2, 2};
        float[][] p = {
                {0.7f, 0.2f, 0.1f},
                {0.3f, 0.6f, 0.1f},
                {0.1f, 0.8f, 0.1f},
                {0.2f, 0.5f, 0.3f},
                {0.5f, 0.1f, 0.4f},
                {0.1f, 0.1f, 0.8f}};

        EvaluationMetrics metrics = EvaluationMetrics.of(classes, actual, p);

        assertThat(metrics.confusion().rows()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
        assertThat(metrics.accuracy().getAsDouble()).isCloseTo(4.0 / 6, within(1e-12));
        double[] precision = {0.5, 2.0 / 3, 1.0};
        double[] recall = {0.5, 1.0, 0.5};
        double[] f1 = {0.5, 0.8, 2.0 / 3};
        for (int c = 0; c < 3; c++) {
            assertThat(metrics.perClass().get(c).precision().getAsDouble()).isCloseTo(precision[c], within(1e-12));
            assertThat(metrics.perClass().get(c).recall().getAsDouble()).isCloseTo(recall[c], within(1e-12));
            assertThat(metrics.perClass().get(c).f1().getAsDouble()).isCloseTo(f1[c], within(1e-12));
        }
        assertThat(metrics.macroF1()).isCloseTo((0.5 + 0.8 + 2.0 / 3) / 3, within(1e-12));
        // p(actual class): a 0.7 0.3, b 0.8 0.5, c 0.4 0.8.
        assertThat(metrics.logLoss()).isCloseTo(-(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.5)
                + Math.log(0.4) + Math.log(0.8)) / 6, within(1e-6));
        assertThat(metrics.rocAuc()).as("AUC is for two classes").isEmpty();

        Evaluation dl4j = new Evaluation(3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, actual[i], 1);
        }
        dl4j.eval(labels, Nd4j.create(p));
        assertThat(metrics.accuracy().getAsDouble()).isCloseTo(dl4j.accuracy(), within(1e-12));
        for (int c = 0; c < 3; c++) {
            assertThat(metrics.perClass().get(c).precision().getAsDouble()).isCloseTo(dl4j.precision(c), within(1e-12));
            assertThat(metrics.perClass().get(c).recall().getAsDouble()).isCloseTo(dl4j.recall(c), within(1e-12));
            assertThat(metrics.perClass().get(c).f1().getAsDouble()).isCloseTo(dl4j.f1(c), within(1e-12));
        }
    }

    /** Accuracy, per class values, the macro averages training reports, and the AUC, as DL4J computes them. */
    private static void assertAgreesWithDl4j(EvaluationMetrics metrics, int[] actual, float[] pDog) {
        assertAgreesWithDl4j(metrics, actual, pDog, true);
    }

    private static void assertAgreesWithDl4j(EvaluationMetrics metrics, int[] actual, float[] pDog, boolean auc) {
        INDArray labels = Nd4j.create(java.util.Arrays.stream(actual).mapToDouble(a -> a).toArray(), actual.length, 1)
                .castTo(DataType.FLOAT);
        INDArray probabilities = Nd4j.create(pDog, new long[] {pDog.length, 1}, DataType.FLOAT);
        Evaluation evaluation = new Evaluation(2);
        evaluation.eval(labels, probabilities);
        assertThat(metrics.accuracy().getAsDouble()).isCloseTo(evaluation.accuracy(), within(1e-12));
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        for (int c = 0; c < 2; c++) {
            assertThat(metrics.perClass().get(c).precision().orElse(0)).isCloseTo(evaluation.precision(c), within(1e-12));
            assertThat(metrics.perClass().get(c).recall().orElse(0)).isCloseTo(evaluation.recall(c), within(1e-12));
            assertThat(metrics.perClass().get(c).f1().orElse(0)).isCloseTo(evaluation.f1(c), within(1e-12));
            precision += evaluation.precision(c);
            recall += evaluation.recall(c);
            f1 += evaluation.f1(c);
        }
        // As train/Validation averages them for val_precision, val_recall, val_f1.
        assertThat(metrics.macroPrecision()).isCloseTo(precision / 2, within(1e-12));
        assertThat(metrics.macroRecall()).isCloseTo(recall / 2, within(1e-12));
        assertThat(metrics.macroF1()).isCloseTo(f1 / 2, within(1e-12));
        if (auc) {
            ROC roc = new ROC(0);
            roc.eval(labels, probabilities);
            assertThat(metrics.rocAuc().getAsDouble()).isCloseTo(roc.calculateAUC(), within(1e-9));
        }
    }

    private static float[][] binary(float... pDog) {
        float[][] p = new float[pDog.length][];
        for (int i = 0; i < pDog.length; i++) {
            p[i] = Prediction.fromOutput(new float[] {pDog[i]}, 2);
        }
        return p;
    }
}
