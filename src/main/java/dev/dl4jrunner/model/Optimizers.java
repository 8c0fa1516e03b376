package dev.dl4jrunner.model;

import dev.dl4jrunner.config.OptimizerConfig;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** Maps an experiment's optimizer section to DL4J's updater. */
final class Optimizers {
    private Optimizers() {
    }

    static IUpdater updater(OptimizerConfig optimizer) {
        return switch (optimizer.type()) {
            case ADAM -> new Adam(optimizer.learningRate(), optimizer.beta1(), optimizer.beta2(), optimizer.epsilon());
            case SGD -> new Sgd(optimizer.learningRate());
            case NESTEROVS -> new Nesterovs(optimizer.learningRate(), optimizer.momentum());
            case RMSPROP -> new RmsProp(optimizer.learningRate(), optimizer.rho(), optimizer.epsilon());
        };
    }
}
