package dev.dl4jrunner.infer;

import java.math.BigDecimal;

/** How probabilities are written to files: the float the network gave, in plain decimal, never with an exponent. */
final class Probabilities {
    private Probabilities() {
    }

    /** {@code 0.9731}, {@code 0.000012345}, {@code 1.0}: the shortest decimal that reads back as the same float. */
    static String format(float p) {
        return new BigDecimal(Float.toString(p)).toPlainString();
    }
}
