package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arithmetic a graph does per image, counted from its configuration: every multiply-add of a convolution or a
 * dense layer is 2 floating-point operations. Batch normalization, pooling, activations and the loss add well under
 * 1% for VGG16 and are left out, as the usual published counts do (VGG16 at 224x224: 15.5 G multiply-adds).
 *
 * <p>Training costs about three forward passes per image: the forward pass, the gradient with respect to each
 * layer's input, and the gradient with respect to its weights.
 */
public final class ModelFlops {
    private final Map<String, Long> forwardByLayer;

    private ModelFlops(Map<String, Long> forwardByLayer) {
        this.forwardByLayer = forwardByLayer;
    }

    public static ModelFlops of(ComputationGraphConfiguration conf, InputType input) {
        Map<String, InputType> outputs = conf.getLayerActivationTypes(input);
        Map<String, Long> flops = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            String name = entry.getKey();
            GraphVertex vertex = entry.getValue();
            if (!(vertex instanceof LayerVertex layerVertex)) {
                continue;
            }
            Layer layer = layerVertex.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer conv && outputs.get(name) instanceof InputType.InputTypeConvolutional out) {
                long[] kernel = {conv.getKernelSize()[0], conv.getKernelSize()[1]};
                flops.put(name, 2L * kernel[0] * kernel[1] * conv.getNIn() * conv.getNOut() * out.getHeight()
                        * out.getWidth());
            } else if (layer instanceof DenseLayer dense) {
                flops.put(name, 2L * dense.getNIn() * dense.getNOut());
            }
        }
        return new ModelFlops(flops);
    }

    /** Forward floating-point operations per image, by layer (convolution and dense layers). */
    public Map<String, Long> forwardByLayer() {
        return Map.copyOf(forwardByLayer);
    }

    public long forwardPerImage() {
        return forwardByLayer.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Forward plus backward: three forward passes' worth. */
    public long trainingPerImage() {
        return 3 * forwardPerImage();
    }
}
