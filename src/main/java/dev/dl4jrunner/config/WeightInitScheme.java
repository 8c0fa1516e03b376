package dev.dl4jrunner.config;

/** Weight initialisation schemes a model may ask for. */
public enum WeightInitScheme {
    /** Glorot/Xavier uniform, Keras' default. */
    XAVIER,
    /** He et al. normal initialisation, suited to ReLU networks. */
    RELU
}
