package dev.dl4jrunner.cli;

import dev.dl4jrunner.infer.ConfusionMatrix;
import dev.dl4jrunner.infer.EvaluationFiles;
import dev.dl4jrunner.infer.EvaluationMetrics;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The text {@code evaluate} ends with: per-class table, headline metrics, confusion matrix, where the files are. */
final class EvaluationPrinter {
    private final PrintWriter out;

    EvaluationPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(EvaluationMetrics metrics, EvaluationFiles.Paths files) {
        List<String> classes = metrics.confusion().classes();
        int width = Math.max(9, classes.stream().mapToInt(String::length).max().orElse(0) + 2);
        out.printf(Locale.ROOT, "%-" + width + "s%8s%10s%10s%8s%n", "Class", "Images", "Precision", "Recall", "F1");
        for (EvaluationMetrics.ClassMetrics c : metrics.perClass()) {
            out.printf(Locale.ROOT, "%-" + width + "s%8d%10s%10s%8s%n", c.name(), c.images(), value(c.precision()),
                    value(c.recall()), value(c.f1()));
        }
        out.printf(Locale.ROOT, "%-" + width + "s%8s%10.4f%10.4f%8.4f%n", "Average", "", metrics.macroPrecision(),
                metrics.macroRecall(), metrics.macroF1());
        out.println();
        ConfusionMatrix confusion = metrics.confusion();
        out.printf(Locale.ROOT, "Accuracy  %s  (%d of %d right)%n", value(metrics.accuracy()), confusion.correct(),
                confusion.total());
        out.printf(Locale.ROOT, "Log loss  %.4f%n", metrics.logLoss());
        if (classes.size() == 2) {
            out.printf(Locale.ROOT, "ROC AUC   %s%n", metrics.rocAuc().isPresent() ? value(metrics.rocAuc())
                    : "n/a (needs images of both classes)");
        }
        out.println();
        out.println("Confusion matrix (rows: actual class, columns: predicted class)");
        int cell = Math.max(width, Long.toString(confusion.total()).length() + 2);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ""));
        classes.forEach(c -> header.append(String.format(Locale.ROOT, "%" + cell + "s", c)));
        out.println(header.toString().stripTrailing());
        for (int a = 0; a < classes.size(); a++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", classes.get(a)));
            for (int p = 0; p < classes.size(); p++) {
                row.append(String.format(Locale.ROOT, "%" + cell + "d", confusion.count(a, p)));
            }
            out.println(row);
        }
        out.println();
        if (metrics.misclassified() > 0) {
            out.printf(Locale.ROOT, "Misclassified: %d, worst first in %s%n", metrics.misclassified(),
                    files.misclassifiedCsv());
            out.println("The worst of them: " + files.contactSheet());
        } else {
            out.println("No image misclassified.");
        }
        out.println("Evaluation: " + files.json());
        out.flush();
    }

    private static String value(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "n/a";
    }
}
