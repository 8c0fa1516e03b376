package dev.dl4jrunner.train;

/**
 * One row of {@code metrics.csv}: an epoch's training and validation results.
 *
 * @param trainLoss        mean loss over the epoch's training batches (weighted by batch size)
 * @param trainAccuracy    share of training images classified right during the epoch's forward passes
 * @param valPrecision     precision averaged over the classes (macro); likewise recall and F1
 * @param seconds          wall time of the epoch, validation included
 * @param imagesPerSecond  training images per second, validation excluded
 * @param dataWaitShare    share of the training time spent waiting for the input pipeline (ETL), 0 to 1
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double valPrecision,
        double valRecall,
        double valF1,
        double learningRate,
        double seconds,
        double imagesPerSecond,
        double dataWaitShare) {

    static final String CSV_HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds,"
            + "images_per_second,val_precision,val_recall,val_f1,data_wait_share";

    String toCsv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.3g,%.3f,%.2f,%.6f,%.6f,%.6f,%.4f",
                epoch, trainLoss, trainAccuracy, valLoss, valAccuracy, learningRate, seconds, imagesPerSecond,
                valPrecision, valRecall, valF1, dataWaitShare);
    }
}
