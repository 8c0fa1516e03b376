package dev.dl4jrunner.config;

/**
 * A validated experiment: everything one training run needs, resolved from a YAML file and its overrides.
 *
 * <p>Each stage of a run receives only its own part: the data pipeline gets {@link DataConfig} and
 * {@link InputConfig}, the model factory {@link ModelConfig} and {@link OptimizerConfig}, the loop
 * {@link TrainingConfig} and {@link CheckpointConfig}.
 */
public record ExperimentConfig(
        String name,
        long seed,
        DataConfig data,
        InputConfig input,
        ModelConfig model,
        OptimizerConfig optimizer,
        TrainingConfig training,
        CheckpointConfig checkpoints) {
}
