package dev.dl4jrunner.train;

import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training loop: for each epoch, fit every training batch, validate, checkpoint, and tell the listeners.
 * Side effects (metrics file, progress, UI stats) happen in {@link EpochListener}s; the loop owns the
 * {@link TrainingState} and hands it to the {@link Checkpoints}.
 *
 * <p>The {@link BatchFitter} fits a step of batches at a time: one batch with one worker, a group of batches with
 * several ({@code ParallelWrapper}); progress, checkpoints and stop requests happen between steps.
 *
 * <p>It starts from any state a checkpoint holds: an epoch's image order and augmentation are fixed by the seed and
 * the epoch, and the batches a checkpoint already covers are read again but not fitted. With one worker it then
 * continues exactly as an uninterrupted run would (see {@link SingleDeviceFitter}).
 */
public final class TrainingLoop {
    /** How training ended. */
    public enum Outcome { COMPLETED, STOPPED_EARLY, INTERRUPTED }

    /** The outcome and the state training ended in. */
    public record Result(Outcome outcome, TrainingState state) {
    }

    private final ComputationGraph graph;
    private final ImagePipeline data;
    private final int epochs;
    private final BatchFitter fitter;
    private final List<EpochListener> listeners;
    private final Checkpoints checkpoints;
    private final Optional<EarlyStopping> earlyStopping;
    private final StopRequest stop;
    private double elapsedBefore;
    private long sessionStart;

    TrainingLoop(ComputationGraph graph, ImagePipeline data, int epochs, BatchFitter fitter,
                 List<EpochListener> listeners, Checkpoints checkpoints, Optional<EarlyStopping> earlyStopping,
                 StopRequest stop) {
        this.graph = graph;
        this.data = data;
        this.epochs = epochs;
        this.fitter = fitter;
        this.listeners = List.copyOf(listeners);
        this.checkpoints = checkpoints;
        this.earlyStopping = earlyStopping;
        this.stop = stop;
    }

    /** Trains from {@code start} until the last epoch, early stopping or a stop request. */
    Result run(TrainingState start) throws IOException {
        elapsedBefore = start.elapsedSeconds();
        sessionStart = System.nanoTime();
        if (earlyStopping.isPresent() && earlyStopping.get().replay(start.epochs())) {
            return new Result(Outcome.STOPPED_EARLY, start);
        }
        TrainingState state = start;
        while (state.current().epoch() <= epochs) {
            EpochProgress trained = trainEpoch(state);
            if (trained.images() < data.trainingImages()) {
                state = state.withProgress(trained, elapsed());
                checkpoints.save(graph, state);
                return new Result(Outcome.INTERRUPTED, state);
            }
            EpochMetrics metrics = validate(trained);
            state = state.withEpoch(metrics, elapsed());
            checkpoints.afterEpoch(graph, state, metrics);
            for (EpochListener listener : listeners) {
                listener.onEpochEnd(metrics, graph);
            }
            if (earlyStopping.isPresent() && earlyStopping.get().shouldStop(metrics)) {
                return new Result(Outcome.STOPPED_EARLY, state);
            }
            if (stop.requested() && state.current().epoch() <= epochs) {
                return new Result(Outcome.INTERRUPTED, state);
            }
        }
        return new Result(Outcome.COMPLETED, state);
    }

    /** Fits the epoch's batches from where {@code state} stands; returns early, part-way, on a stop request. */
    private EpochProgress trainEpoch(TrainingState state) throws IOException {
        EpochProgress progress = state.current();
        int epoch = progress.epoch();
        for (EpochListener listener : listeners) {
            listener.onEpochStart(epoch, data.trainingImages(), progress.images());
        }
        DataSetIterator batches = data.trainingEpoch(epoch);
        for (int skipped = 0; skipped < progress.batches() && batches.hasNext(); skipped++) {
            batches.next();
        }
        while (batches.hasNext() && !stop.requested()) {
            long stepStart = System.nanoTime();
            List<DataSet> step = new ArrayList<>(fitter.batchesPerStep());
            while (step.size() < fitter.batchesPerStep() && batches.hasNext()) {
                DataSet batch = batches.next();
                if (fitter.batchesPerStep() > 1) {
                    // The prefetching iterator reuses a batch's memory for the next one; a step keeps several.
                    batch.detach();
                }
                step.add(batch);
            }
            double waited = (System.nanoTime() - stepStart) / 1e9;
            long iterationBefore = graph.getIterationCount();
            BatchTally.Sums fitted = fitter.fit(step, epoch, progress.batches());
            progress = progress.after(step.size(), fitted, (System.nanoTime() - stepStart) / 1e9, waited);
            for (EpochListener listener : listeners) {
                listener.onBatchEnd(epoch, progress.images(), progress.meanLoss());
            }
            if (batches.hasNext()) {
                checkpoints.afterStep(graph, state.withProgress(progress, elapsed()), iterationBefore,
                        graph.getIterationCount());
            }
        }
        return progress;
    }

    private EpochMetrics validate(EpochProgress trained) {
        long start = System.nanoTime();
        Validation.Result validation = Validation.evaluate(graph, data.validation(), data.classes().size());
        double seconds = trained.trainSeconds() + (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(trained.epoch(), trained.meanLoss(), trained.accuracy(),
                validation.loss(), validation.accuracy(), validation.precision(), validation.recall(), validation.f1(),
                graph.getLearningRate(Vgg16Factory.LOGITS), seconds, trained.imagesPerSecond(), trained.waitShare());
    }

    private double elapsed() {
        return elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
    }
}
