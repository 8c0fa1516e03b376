package dev.dl4jrunner.config;

import java.util.Optional;

/**
 * A validated experiment: everything one training run needs, resolved from a YAML file and its overrides.
 *
 * <p>Each stage of a run receives only its own part: the data pipeline gets {@link DataConfig} and
 * {@link InputConfig}, the model factory {@link ModelConfig} and {@link OptimizerConfig}, the loop
 * {@link TrainingConfig} and {@link CheckpointConfig}; a Spark run also reads {@link SparkConfig}, when present.
 */
public record ExperimentConfig(
        String name,
        long seed,
        DataConfig data,
        InputConfig input,
        ModelConfig model,
        OptimizerConfig optimizer,
        TrainingConfig training,
        CheckpointConfig checkpoints,
        Optional<SparkConfig> spark) {

    /** This experiment with {@code spark} as its spark section. */
    public ExperimentConfig withSpark(SparkConfig spark) {
        return new ExperimentConfig(name, seed, data, input, model, optimizer, training, checkpoints,
                Optional.of(spark));
    }
}
