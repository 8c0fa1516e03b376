package dev.dl4jrunner.train;

import dev.dl4jrunner.config.ParallelMode;
import dev.dl4jrunner.config.Parallelism;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Several workers with DL4J's {@code ParallelWrapper}: each step of {@code workers x averaging_frequency} batches is
 * one {@code ParallelWrapper.fit} call, which gives each worker {@code averaging_frequency} batches and, in averaging
 * mode, averages parameters and updater state once at the end, into the graph itself (the wrapper's worker 0 trains
 * the graph; the others train copies it makes at the start of every call). So after every step the graph holds
 * the averaged model that is validated and checkpointed, and no wrapper thread outlives the step.
 *
 * <p>A step whose batches are no multiple of the workers (an epoch's end) is fitted in two parts, the rest by as
 * many workers as there are batches left (the wrapper averages only the workers of its last round, so a short last
 * round would drop the others' work), a single last batch by the graph itself.
 *
 * <p>The run's listeners hear only worker 0, that is the graph (statistics for DL4J's UI stay one worker's series);
 * the {@link BatchTally} hears every worker, so training loss and accuracy cover every batch. Not reproducible to
 * the bit: the workers draw dropout from their threads' random generators and finish in any order.
 */
final class ParallelWrapperFitter implements BatchFitter {
    private final ComputationGraph graph;
    private final Parallelism parallelism;
    private final BatchTally tally = new BatchTally();

    ParallelWrapperFitter(ComputationGraph graph, Parallelism parallelism) {
        this.graph = graph;
        this.parallelism = parallelism;
    }

    @Override
    public int batchesPerStep() {
        return parallelism.batchesPerStep();
    }

    @Override
    public BatchTally.Sums fit(List<DataSet> batches, int epoch, int firstBatch) {
        tally.expect(batches);
        int workers = parallelism.workers();
        int evenly = batches.size() / workers * workers;
        if (evenly > 0) {
            fitOnce(batches.subList(0, evenly), workers);
        }
        int rest = batches.size() - evenly;
        if (rest > 1) {
            fitOnce(batches.subList(evenly, batches.size()), rest);
        } else if (rest == 1) {
            fitOnGraph(batches.get(evenly));
        }
        return tally.drain();
    }

    /** A last batch on its own, where the wrapper, which wants two workers at least, has nothing to share. */
    private void fitOnGraph(DataSet batch) {
        Collection<TrainingListener> runListeners = new ArrayList<>(graph.getListeners());
        graph.addListeners(tally);
        try {
            graph.fit(batch);
        } finally {
            graph.setListeners(runListeners);
        }
    }

    /** One {@code ParallelWrapper.fit} call over {@code batches}, a multiple of {@code workers}. */
    private void fitOnce(List<DataSet> batches, int workers) {
        // The builder would move the graph's listeners to every worker; worker 0 replaces them anyway. They are
        // taken off here, passed on for the graph's events only, and put back below.
        Collection<TrainingListener> runListeners = new ArrayList<>(graph.getListeners());
        graph.setListeners(List.of());
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(graph)
                .workers(workers)
                .trainingMode(parallelism.mode() == ParallelMode.SHARED_GRADIENTS
                        ? ParallelWrapper.TrainingMode.SHARED_GRADIENTS : ParallelWrapper.TrainingMode.AVERAGING)
                .averagingFrequency(batches.size() / workers)
                .averageUpdaters(true)
                .prefetchBuffer(0) // the image pipeline already prefetches on its own thread
                .workspaceMode(graph.getConfiguration().getTrainingWorkspaceMode())
                .build();
        try {
            wrapper.setListeners(List.of(tally, new RootModelListeners(graph, runListeners)));
            wrapper.fit(new ExistingDataSetIterator(batches));
        } finally {
            wrapper.shutdown();
            graph.setListeners(runListeners);
        }
    }
}
