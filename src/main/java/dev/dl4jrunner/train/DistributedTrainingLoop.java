package dev.dl4jrunner.train;

import dev.dl4jrunner.data.ImagePipeline;
import dev.dl4jrunner.model.Vgg16Factory;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@link TrainingLoop}'s twin for a cluster: each epoch is fitted by the {@link ClusterTrainer} as one job, then
 * validated on this machine with the graph the job left, checkpointed and reported to the listeners exactly as a
 * local epoch. A stop request takes effect between epochs: a cluster job is not stopped half-way.
 */
final class DistributedTrainingLoop {
    private final ComputationGraph graph;
    private final ImagePipeline data;
    private final int epochs;
    private final ClusterTrainer cluster;
    private final List<EpochListener> listeners;
    private final Checkpoints checkpoints;
    private final Optional<EarlyStopping> earlyStopping;
    private final StopRequest stop;

    DistributedTrainingLoop(ComputationGraph graph, ImagePipeline data, int epochs, ClusterTrainer cluster,
                            List<EpochListener> listeners, Checkpoints checkpoints,
                            Optional<EarlyStopping> earlyStopping, StopRequest stop) {
        this.graph = graph;
        this.data = data;
        this.epochs = epochs;
        this.cluster = cluster;
        this.listeners = List.copyOf(listeners);
        this.checkpoints = checkpoints;
        this.earlyStopping = earlyStopping;
        this.stop = stop;
    }

    TrainingLoop.Result run(TrainingState start) throws IOException {
        long sessionStart = System.nanoTime();
        if (earlyStopping.isPresent() && earlyStopping.get().replay(start.epochs())) {
            return new TrainingLoop.Result(TrainingLoop.Outcome.STOPPED_EARLY, start);
        }
        TrainingState state = start;
        while (state.current().epoch() <= epochs) {
            int epoch = state.current().epoch();
            for (EpochListener listener : listeners) {
                listener.onEpochStart(epoch, data.trainingImages(), 0);
            }
            EpochMetrics metrics = validate(cluster.fitEpoch(epoch));
            state = state.withEpoch(metrics, start.elapsedSeconds() + (System.nanoTime() - sessionStart) / 1e9);
            checkpoints.afterEpoch(graph, state, metrics);
            for (EpochListener listener : listeners) {
                listener.onEpochEnd(metrics, graph);
            }
            if (earlyStopping.isPresent() && earlyStopping.get().shouldStop(metrics)) {
                return new TrainingLoop.Result(TrainingLoop.Outcome.STOPPED_EARLY, state);
            }
            if (stop.requested() && state.current().epoch() <= epochs) {
                return new TrainingLoop.Result(TrainingLoop.Outcome.INTERRUPTED, state);
            }
        }
        return new TrainingLoop.Result(TrainingLoop.Outcome.COMPLETED, state);
    }

    private EpochMetrics validate(EpochProgress trained) {
        long start = System.nanoTime();
        Validation.Result validation = Validation.evaluate(graph, data.validation(), data.classes().size());
        double seconds = trained.trainSeconds() + (System.nanoTime() - start) / 1e9;
        return new EpochMetrics(trained.epoch(), trained.meanLoss(), trained.accuracy(),
                validation.loss(), validation.accuracy(), validation.precision(), validation.recall(), validation.f1(),
                graph.getLearningRate(Vgg16Factory.LOGITS), seconds, trained.imagesPerSecond(), trained.waitShare());
    }
}
