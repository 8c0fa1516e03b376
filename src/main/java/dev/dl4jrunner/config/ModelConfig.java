package dev.dl4jrunner.config;

import java.util.List;

/**
 * The VGG16 variant to build.
 *
 * @param dense      widths of the hidden dense layers after the convolutional blocks (the paper: 4096, 4096)
 * @param dropout    probability of dropping a hidden dense unit's output during training, 0 &lt;= dropout &lt; 1
 * @param batchNorm  batch normalization after every convolution (the VGG16-BN variant)
 * @param weightInit how weights are initialised
 */
public record ModelConfig(List<Integer> dense, double dropout, boolean batchNorm, WeightInitScheme weightInit) {
    public ModelConfig {
        dense = List.copyOf(dense);
    }
}
