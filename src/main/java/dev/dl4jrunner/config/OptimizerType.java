package dev.dl4jrunner.config;

/** The update rules an experiment can choose. */
public enum OptimizerType {
    ADAM, SGD, NESTEROVS, RMSPROP
}
