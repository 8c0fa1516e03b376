package dev.dl4jrunner.config;

/**
 * The optimizer and its parameters. Parameters that the chosen type does not use keep their defaults and
 * are rejected when set in YAML.
 *
 * @param type         the update rule
 * @param learningRate step size, &gt; 0
 * @param beta1        Adam's first-moment decay
 * @param beta2        Adam's second-moment decay
 * @param epsilon      Adam's and RMSProp's numerical-stability term
 * @param momentum     Nesterov momentum
 * @param rho          RMSProp's decay of the squared-gradient average
 * @param weightDecay  decoupled weight decay coefficient, &gt;= 0; 0 disables it
 */
public record OptimizerConfig(
        OptimizerType type,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double momentum,
        double rho,
        double weightDecay) {
}
