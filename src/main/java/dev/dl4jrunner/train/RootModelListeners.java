package dev.dl4jrunner.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Passes a {@code ParallelWrapper}'s events on to the run's own listeners only when they come from the root model,
 * the graph the wrapper's worker 0 trains. The wrapper would otherwise clone the UI's statistics listener for every
 * worker of every call, each clone a new worker in DL4J's UI.
 */
final class RootModelListeners implements TrainingListener {
    private final Model root;
    private final List<TrainingListener> listeners;

    RootModelListeners(Model root, Collection<TrainingListener> listeners) {
        this.root = root;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (model == root) {
            listeners.forEach(l -> l.iterationDone(model, iteration, epoch));
        }
    }

    @Override
    public void onEpochStart(Model model) {
        if (model == root) {
            listeners.forEach(l -> l.onEpochStart(model));
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (model == root) {
            listeners.forEach(l -> l.onEpochEnd(model));
        }
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (model == root) {
            listeners.forEach(l -> l.onForwardPass(model, activations));
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (model == root) {
            listeners.forEach(l -> l.onForwardPass(model, activations));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (model == root) {
            listeners.forEach(l -> l.onGradientCalculation(model));
        }
    }

    @Override
    public void onBackwardPass(Model model) {
        if (model == root) {
            listeners.forEach(l -> l.onBackwardPass(model));
        }
    }
}
