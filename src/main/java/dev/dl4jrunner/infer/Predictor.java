package dev.dl4jrunner.infer;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.data.ImageBatches;
import dev.dl4jrunner.data.ImagePipeline;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trained network over image files in inference mode, in batches prepared by the training pipeline's own
 * preprocessing (read from the run's config) and prefetched on a background thread while the network works.
 */
public final class Predictor {
    private final TrainedModel model;
    private final InputConfig input;
    private final int classes;
    private final int batchSize;

    /** Told after every batch how many images are done, out of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * The predictions in the order of the files, and the time they took.
     *
     * @param seconds        from the first batch's preparation to the last prediction
     * @param networkSeconds of those, the time spent in the network itself
     */
    public record Result(List<Prediction> predictions, double seconds, double networkSeconds) {
        public Result {
            predictions = List.copyOf(predictions);
        }

        public double imagesPerSecond() {
            return seconds > 0 ? predictions.size() / seconds : 0;
        }

        public double networkImagesPerSecond() {
            return networkSeconds > 0 ? predictions.size() / networkSeconds : 0;
        }
    }

    public Predictor(TrainedModel model, TrainedRun run, int batchSize) {
        this.model = model;
        this.input = run.config().input();
        this.classes = run.classes().size();
        this.batchSize = batchSize;
    }

    /** Predicts every file; the files should have passed the image check. */
    public Result predict(List<Path> files, Progress progress) {
        List<Prediction> predictions = new ArrayList<>(files.size());
        long started = System.nanoTime();
        long inNetwork = 0;
        try (ImageBatches batches = ImagePipeline.unlabelled(files, input, batchSize)) {
            while (batches.hasNext()) {
                ImageBatches.Batch batch = batches.next();
                long before = System.nanoTime();
                INDArray output = model.graph().outputSingle(false, batch.features());
                float[][] rows = output.toFloatMatrix();
                inNetwork += System.nanoTime() - before;
                for (int i = 0; i < rows.length; i++) {
                    predictions.add(new Prediction(batch.files().get(i), Prediction.fromOutput(rows[i], classes)));
                }
                progress.update(predictions.size(), files.size());
            }
        }
        if (predictions.size() != files.size()) {
            throw new IllegalStateException("The image reader gave " + predictions.size() + " images of the "
                    + files.size() + " it was given");
        }
        return new Result(predictions, (System.nanoTime() - started) / 1e9, inNetwork / 1e9);
    }
}
