package dev.dl4jrunner.model;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.config.ModelConfig;
import dev.dl4jrunner.config.OptimizerConfig;
import dev.dl4jrunner.config.WeightInitScheme;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

/**
 * Builds VGG16 (Simonyan &amp; Zisserman, configuration D) as a DL4J {@link ComputationGraph}.
 *
 * <p>Layer names follow the walk-through: {@code fe0_conv1 ... fe4_conv3} and {@code fe0_mp ... fe4_mp} for the
 * five convolutional blocks, {@code feature} for the flatten, {@code fc0, fc1, ...} for the hidden dense layers,
 * {@code logits} for the last dense layer and {@code output} for the activation with its loss: one sigmoid unit
 * with binary cross-entropy for two classes, softmax with multi-class cross-entropy otherwise. With batch
 * normalization each convolution {@code feB_convN} is followed by {@code feB_convN_bn} and then by
 * {@code feB_convN_relu}, as in torchvision's {@code vgg16_bn}.
 *
 * <p>The ReLU after a batch normalization is a layer of its own because DL4J's {@code BatchNormalization} layer
 * ignores the activation it is configured with: built with {@code .activation(RELU)}, its output still has
 * negative values, and the network's convolutions would have no non-linearity between them. It is configured as
 * DL4J's {@code ActivationLayer}, so a saved model loads anywhere; training swaps in one that rectifies in place
 * ({@link InPlaceRelu}).
 */
public final class Vgg16Factory {
    /** Output channels of each convolution, block by block: configuration D of the paper. */
    static final List<List<Integer>> BLOCKS = List.of(
            List.of(64, 64), List.of(128, 128), List.of(256, 256, 256), List.of(512, 512, 512), List.of(512, 512, 512));

    public static final String INPUT = "input";
    public static final String LOGITS = "logits";
    public static final String OUTPUT = "output";

    private Vgg16Factory() {
    }

    /** The graph configuration for {@code numClasses} classes; {@link #build} also initialises the weights. */
    public static ComputationGraphConfiguration configure(ModelConfig model, OptimizerConfig optimizer,
                                                          InputConfig input, int numClasses, long seed) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + numClasses);
        }
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(Optimizers.updater(optimizer))
                .weightInit(model.weightInit() == WeightInitScheme.RELU ? WeightInit.RELU : WeightInit.XAVIER_UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (optimizer.weightDecay() > 0) {
            base.weightDecay(optimizer.weightDecay());
        }
        ComputationGraphConfiguration.GraphBuilder graph = base.graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()));

        String previous = INPUT;
        long height = input.height();
        long width = input.width();
        for (int block = 0; block < BLOCKS.size(); block++) {
            List<Integer> channels = BLOCKS.get(block);
            for (int i = 0; i < channels.size(); i++) {
                String conv = "fe" + block + "_conv" + (i + 1);
                graph.addLayer(conv, new ConvolutionLayer.Builder(3, 3)
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(channels.get(i))
                        .activation(model.batchNorm() ? Activation.IDENTITY : Activation.RELU)
                        .build(), previous);
                previous = conv;
                if (model.batchNorm()) {
                    String norm = conv + "_bn";
                    graph.addLayer(norm, new BatchNormalization.Builder().build(), previous);
                    String relu = conv + "_relu";
                    graph.addLayer(relu, new ActivationLayer.Builder().activation(Activation.RELU).build(), norm);
                    previous = relu;
                }
            }
            String pool = "fe" + block + "_mp";
            // Truncate rounds odd sizes down, as Keras' 'valid' pooling and the paper do.
            graph.addLayer(pool, new SubsamplingLayer.Builder(PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .build(), previous);
            previous = pool;
            height /= 2;
            width /= 2;
        }
        int lastChannels = BLOCKS.get(BLOCKS.size() - 1).get(2);
        graph.addVertex("feature", new PreprocessorVertex(
                new CnnToFeedForwardPreProcessor(height, width, lastChannels)), previous);
        previous = "feature";

        List<Integer> dense = model.dense();
        for (int i = 0; i < dense.size(); i++) {
            String fc = "fc" + i;
            graph.addLayer(fc, withDropout(new DenseLayer.Builder(), i > 0, model.dropout())
                    .nOut(dense.get(i)).activation(Activation.RELU).build(), previous);
            previous = fc;
        }
        boolean binary = numClasses == 2;
        graph.addLayer(LOGITS, withDropout(new DenseLayer.Builder(), true, model.dropout())
                .nOut(binary ? 1 : numClasses).activation(Activation.IDENTITY).build(), previous);
        graph.addLayer(OUTPUT, new LossLayer.Builder(binary ? LossFunction.XENT : LossFunction.MCXENT)
                .activation(binary ? Activation.SIGMOID : Activation.SOFTMAX)
                .build(), LOGITS);
        return graph.setOutputs(OUTPUT).build();
    }

    /** Builds and initialises the graph; call {@link Backend#enableLayerHelpers()} first to get oneDNN / cuDNN. */
    public static ComputationGraph build(ModelConfig model, OptimizerConfig optimizer, InputConfig input,
                                         int numClasses, long seed) {
        ComputationGraph graph = new ComputationGraph(configure(model, optimizer, input, numClasses, seed));
        graph.init();
        return graph;
    }

    /** Dropout in DL4J acts on a layer's input and takes the probability of keeping a unit. */
    private static DenseLayer.Builder withDropout(DenseLayer.Builder layer, boolean afterHiddenLayer, double dropout) {
        if (afterHiddenLayer && dropout > 0) {
            layer.dropOut(1.0 - dropout);
        }
        return layer;
    }
}
