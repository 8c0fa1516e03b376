package dev.dl4jrunner.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/**
 * Shows how training goes: a live progress bar with images/s and ETA on a terminal; on a log file or CI, a plain
 * line every tenth of an epoch. Either way each epoch ends with one line of its metrics.
 */
final class ProgressListener implements EpochListener {
    private static final Logger LOG = LoggerFactory.getLogger("progress");

    private final int epochs;
    private final boolean interactive;
    private ProgressBar bar;
    private int trainingImages;
    private int nextReport;
    private long epochStart;
    private int imagesAtStart;

    ProgressListener(int epochs, boolean interactive) {
        this.epochs = epochs;
        this.interactive = interactive;
    }

    /** A terminal gets a live bar; CI, pipes and files get plain lines. */
    static boolean terminalAttached() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void onEpochStart(int epoch, int images, int imagesDone) {
        trainingImages = images;
        epochStart = System.nanoTime();
        imagesAtStart = imagesDone;
        nextReport = imagesDone + Math.max(1, images / 10);
        if (interactive) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("Epoch %d/%d", epoch, epochs))
                    .setInitialMax(images)
                    .startsFrom(imagesDone, Duration.ZERO)
                    .setUnit(" img", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(500)
                    .build();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int imagesDone, double loss) {
        if (interactive) {
            bar.stepTo(imagesDone);
            bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", loss));
        } else if (imagesDone >= nextReport && imagesDone < trainingImages) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            double rate = (imagesDone - imagesAtStart) / seconds;
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d  %3d%%  %d/%d images  loss %.4f  %.1f img/s  ETA %s",
                    epoch, epochs, 100L * imagesDone / trainingImages, imagesDone, trainingImages, loss, rate,
                    duration((trainingImages - imagesDone) / rate)));
            nextReport = imagesDone + Math.max(1, trainingImages / 10);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m, ComputationGraph graph) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d  loss %.4f  accuracy %.4f  val_loss %.4f  val_accuracy %.4f  %.1f img/s  %s",
                m.epoch(), epochs, m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(),
                m.imagesPerSecond(), duration(m.seconds())));
    }

    static String duration(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : d.toMinutes() > 0 ? String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart()) : d.toSeconds() + "s";
    }
}
