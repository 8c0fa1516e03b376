package dev.dl4jrunner.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * ReLU layers that rectify their input in place while training, as PyTorch's {@code vgg16_bn} does, instead of
 * keeping a rectified copy beside it: one array the size of a convolution's output less per ReLU (about 140 MB for
 * the thirteen of VGG16 at 64x64, batch 32).
 *
 * <p>DL4J's {@code ActivationLayer} copies its input when training, because it backpropagates its activation function
 * from the input. The ReLU's derivative is the same at its output (positive where the input was), so a ReLU may
 * overwrite its input, which is the batch normalization's output: batch normalization backpropagates from its own
 * input, not its output. DL4J itself already works in place when not training.
 *
 * <p>The backward pass works in place too: the gradient that reaches a ReLU is zeroed where its output is not
 * positive, and passed on. DL4J's layer copies its input into the gradient workspace and computes the gradient into
 * a second new array, so each of DL4J's two gradient workspaces held two arrays the size of the largest
 * convolution's output, and its working memory one more: at 64x64, batch 32, about 100 MB less (the workspaces'
 * sizes at 32x32, batch 8, scaled; fourteenth session, docs/performance.md), with the same weights bit for bit.
 *
 * <p>Only the graph's layer objects change, not its configuration: a saved model is plain DL4J, and a copy of the
 * graph built from the configuration (parallel workers, Spark) copies as DL4J does. What changes besides memory:
 * the activations DL4J's UI shows for a batch normalization are those after the ReLU, since they are the same array.
 */
public final class InPlaceRelu {
    private InPlaceRelu() {
    }

    /** Replaces the plain ReLU layers of {@code graph} (built or restored) by ones that work in place. */
    public static ComputationGraph apply(ComputationGraph graph) {
        Layer[] layers = graph.getLayers();
        for (GraphVertex vertex : graph.getVertices()) {
            if (vertex instanceof LayerVertex layerVertex && layerVertex.getLayer() instanceof ActivationLayer copying
                    && !(copying instanceof Rectifier) && plainRelu(copying)) {
                Rectifier rectifier = new Rectifier(copying.conf(), copying.getDataType());
                rectifier.setIndex(copying.getIndex());
                rectifier.setListeners(copying.getListeners());
                layerVertex.setLayer(rectifier);
                int index = Arrays.asList(layers).indexOf(copying);
                if (index >= 0) {
                    layers[index] = rectifier;
                }
            }
        }
        return graph;
    }

    /** max(0, x) exactly: no upper bound, no threshold, no slope below it. */
    private static boolean plainRelu(ActivationLayer layer) {
        return layer.layerConf().getActivationFn() instanceof ActivationReLU relu
                && relu.equals(new ActivationReLU());
    }

    /** A ReLU layer whose output is its input, rectified in place, and whose gradient is the one it got, masked. */
    static final class Rectifier extends ActivationLayer {
        Rectifier(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            INDArray rectified = workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
            return layerConf().getActivationFn().getActivation(rectified, training);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            // The input is the rectified output, positive exactly where the pre-activation was. The gradient this
            // layer got is its own: the graph reads it nowhere after this layer.
            Nd4j.exec(new RectifiedLinearDerivative(input, epsilon, epsilon));
            return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon));
        }
    }
}
