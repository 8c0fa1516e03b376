package dev.dl4jrunner.cli;

import dev.dl4jrunner.infer.Predictor;
import dev.dl4jrunner.infer.TrainedModel;
import dev.dl4jrunner.infer.TrainedRun;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What {@code evaluate} and {@code predict} share: which of a run's models to use, and in what batches. */
final class ModelOptions {
    @Option(names = "--checkpoint", paramLabel = "best|last|FILE", defaultValue = "best",
            description = "The model: checkpoints/best.zip (default), checkpoints/last.zip, or a model zip.")
    private String checkpoint;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Images per batch; default: the run's training.batch_size.")
    private Integer batchSize;

    /** Ends the command with exit code 2 for a batch size below 1. */
    void validate(CommandSpec spec) {
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, found " + batchSize);
        }
    }

    TrainedModel load(TrainedRun run) {
        return InferenceStep.orFail(() -> TrainedModel.load(run, checkpoint));
    }

    Predictor predictor(TrainedModel model, TrainedRun run) {
        return new Predictor(model, run, batchSize == null ? run.config().training().batchSize() : batchSize);
    }
}
