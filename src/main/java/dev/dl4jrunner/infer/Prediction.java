package dev.dl4jrunner.infer;

import java.nio.file.Path;

/**
 * The network's probabilities for one image, one per class in label order. With two classes the network gives one
 * sigmoid column, the probability of the second class; the first class gets 1 minus it.
 */
public record Prediction(Path path, float[] probabilities) {

    /**
     * The class with the highest probability; on a tie the first. With two classes that is the second class exactly
     * when its probability is above 0.5, the threshold DL4J's {@code Evaluation} and Keras' binary accuracy use.
     */
    public int predicted() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    public float probability(int classIndex) {
        return probabilities[classIndex];
    }

    /** A network output row as probabilities per class: {@code [1 - p, p]} for a single sigmoid column. */
    static float[] fromOutput(float[] row, int classes) {
        if (classes == 2 && row.length == 1) {
            return new float[] {1f - row[0], row[0]};
        }
        return row.clone();
    }
}
