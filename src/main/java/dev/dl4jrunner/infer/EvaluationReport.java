package dev.dl4jrunner.infer;

import java.util.List;

/**
 * {@code evaluations/<name>.json}: what was evaluated with which checkpoint, and every metric. Values that are
 * undefined (see {@link ConfusionMatrix}) are {@code null}. Paths of files in the run directory are relative to it.
 *
 * @param data               {@code split/val.csv} or the absolute path of the evaluated directory
 * @param layout             {@code prefix} or {@code folders} for a directory, empty for the validation split
 * @param images             images evaluated; bad ones are left out and listed in {@code skippedImages}
 * @param inTrainingSplit    how many of them the run trained on: accuracy on those overstates the model
 * @param decisionThreshold  two classes: an image is of the second class when its probability is above this
 * @param confusionMatrix    rows are actual classes, columns predicted ones, both in {@code classes} order
 * @param imagesPerSecond    prediction throughput, image decoding included
 */
public record EvaluationReport(
        String runId,
        String checkpoint,
        String checkpointState,
        String data,
        String layout,
        String evaluatedAt,
        List<String> classes,
        int images,
        int inTrainingSplit,
        int inValidationSplit,
        Double accuracy,
        double logLoss,
        Double rocAuc,
        double precision,
        double recall,
        double f1,
        Double decisionThreshold,
        List<ClassReport> perClass,
        List<List<Long>> confusionMatrix,
        long misclassified,
        String misclassifiedCsv,
        String contactSheet,
        List<Skipped> skippedImages,
        double seconds,
        double imagesPerSecond) {

    /** One class's metrics; {@code images} are those of the class, {@code predicted} those predicted as it. */
    public record ClassReport(String name, long images, long predicted, Double precision, Double recall, Double f1) {
    }

    /** A bad image left out of the evaluation, and why. */
    public record Skipped(String path, String reason) {
    }
}
