package dev.dl4jrunner.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's training stands: the metrics of every finished epoch and how far the next one has got. Every
 * checkpoint carries it beside the weights and updater state, so a resumed run continues with the same epoch and
 * batch, the same metric sums, best epoch and early-stopping count, and rewrites {@code metrics.csv} from it.
 *
 * @param epochs         metrics of the finished epochs, in order
 * @param current        the epoch after those, possibly part-way through
 * @param elapsedSeconds wall time the run has trained for until this state, over all its sessions
 */
public record TrainingState(List<EpochMetrics> epochs, EpochProgress current, double elapsedSeconds) {

    public TrainingState {
        epochs = List.copyOf(epochs);
    }

    /** Before the first batch. */
    public static TrainingState start() {
        return new TrainingState(List.of(), EpochProgress.start(1), 0);
    }

    public int completedEpochs() {
        return epochs.size();
    }

    TrainingState withProgress(EpochProgress progress, double elapsed) {
        return new TrainingState(epochs, progress, elapsed);
    }

    /** The state once {@code finished} is done: its metrics appended, the next epoch not started. */
    TrainingState withEpoch(EpochMetrics finished, double elapsed) {
        List<EpochMetrics> all = new ArrayList<>(epochs);
        all.add(finished);
        return new TrainingState(all, EpochProgress.start(finished.epoch() + 1), elapsed);
    }

    /** Where training stands, for people: {@code after epoch 3} or {@code in epoch 4 after 40 batches}. */
    public String describe() {
        return current.batches() == 0
                ? (epochs.isEmpty() ? "before the first batch" : "after epoch " + completedEpochs())
                : "in epoch " + current.epoch() + " after " + current.batches() + " batch"
                        + (current.batches() == 1 ? "" : "es");
    }
}
