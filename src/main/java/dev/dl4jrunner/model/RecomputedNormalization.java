package dev.dl4jrunner.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Batch normalization outputs that are not kept for the backward pass but computed again when it needs them.
 *
 * <p>In VGG16 with batch normalization, each normalization is followed by an in-place ReLU ({@link InPlaceRelu}) and
 * then by a convolution or a pooling layer, and DL4J keeps every layer's output in its workspace of all activations
 * until the backward pass: both the convolution's output (the normalization's input, which its backward pass reads)
 * and the normalized, rectified one (the next layer's input). The second is a function of the first and of the batch
 * statistics the normalization keeps, so here the normalization writes it into one scratch array shared by all of
 * them, the next layer reads it from there in the forward pass, and just before that layer's backward pass the same
 * ops write it again into the same array, bit for bit: the workspace of all activations no longer holds the
 * normalized outputs (at 64x64, batch 32, 141 MB), for one scratch array the size of the largest (34 MB) and one
 * normalization and ReLU more per layer in the backward pass. {@code bench}'s peak at 64x64 went from 1.00 to
 * 0.89-0.93 GiB at the same speed (fifteenth session, docs/performance.md).
 *
 * <p>The listeners after it in a forward pass (DL4J's UI statistics) get no activations for those normalizations and
 * ReLUs, rather than the scratch array's last contents in their place.
 *
 * <p>Only the layer objects' helpers change, not the configuration: a saved model is plain DL4J, and copies of the
 * graph (parallel workers, Spark) use DL4J's helpers. A normalization applies only where the runner's own helpers
 * are in place ({@link BatchNormMoments} on the normalization, DL4J's oneDNN helper on the next layer) and the chain
 * is exactly normalization, in-place ReLU, one convolution or pooling layer; anything else keeps DL4J's behaviour.
 */
public final class RecomputedNormalization {
    private static final Field CONVOLUTION_HELPER = field(ConvolutionLayer.class);
    private static final Field SUBSAMPLING_HELPER = field(SubsamplingLayer.class);

    private RecomputedNormalization() {
    }

    /** Applies it to every chain of {@code graph} (built or restored) it fits, and returns the graph. */
    public static ComputationGraph apply(ComputationGraph graph) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Scratch scratch = new Scratch();
        Set<String> inScratch = new HashSet<>();
        for (Layer layer : graph.getLayers()) {
            String name = layer.getConfig().getLayerName();
            normalizationBefore(graph, inputs, layer).ifPresent(recompute -> {
                if (recomputeBefore(layer, recompute)) {
                    recompute.normalization().writeTrainingOutputTo(scratch);
                    String relu = inputs.get(name).get(0);
                    inScratch.add(relu);
                    inScratch.add(inputs.get(relu).get(0));
                }
            });
        }
        if (!inScratch.isEmpty()) {
            graph.addListeners(new ScratchActivationsLeftOut(inScratch));
        }
        return graph;
    }

    /** The runner's normalization and in-place ReLU that are the only way into {@code layer}, if they are. */
    private static Optional<Recompute> normalizationBefore(ComputationGraph graph, Map<String, List<String>> inputs,
                                                           Layer layer) {
        String name = layer.getConfig().getLayerName();
        Optional<Layer> relu = onlyInput(graph, inputs, name)
                .filter(InPlaceRelu.Rectifier.class::isInstance);
        return relu.flatMap(rectifier -> onlyInput(graph, inputs, rectifier.getConfig().getLayerName()))
                .filter(BatchNormalization.class::isInstance)
                .map(normalization -> ((BatchNormalization) normalization).getHelper())
                .filter(BatchNormMoments.Helper.class::isInstance)
                .map(moments -> new Recompute((BatchNormMoments.Helper) moments,
                        ((InPlaceRelu.Rectifier) relu.get()).layerConf().getActivationFn()));
    }

    /** The layer whose output goes to {@code name} alone, if {@code name} has one input. */
    private static Optional<Layer> onlyInput(ComputationGraph graph, Map<String, List<String>> inputs, String name) {
        List<String> from = inputs.getOrDefault(name, List.of());
        return from.size() == 1 && onlyConsumer(inputs, from.get(0), name)
                ? Optional.ofNullable(graph.getLayer(from.get(0))) : Optional.empty();
    }

    /** Gives {@code layer} a helper running {@code recompute} before its backward pass, if it had DL4J's oneDNN one. */
    private static boolean recomputeBefore(Layer layer, Recompute recompute) {
        if (layer instanceof ConvolutionLayer convolution && convolution.getHelper() != null
                && convolution.getHelper().getClass() == MKLDNNConvHelper.class) {
            set(CONVOLUTION_HELPER, convolution, new Convolution(convolution.getDataType(), recompute));
            return true;
        }
        if (layer instanceof SubsamplingLayer pooling && pooling.getHelper() != null
                && pooling.getHelper().getClass() == MKLDNNSubsamplingHelper.class) {
            set(SUBSAMPLING_HELPER, pooling, new Pooling(pooling.getDataType(), recompute));
            return true;
        }
        return false;
    }

    private static boolean onlyConsumer(Map<String, List<String>> inputs, String vertex, String consumer) {
        return inputs.entrySet().stream().filter(entry -> entry.getValue().contains(vertex))
                .allMatch(entry -> entry.getKey().equals(consumer));
    }

    private static Field field(Class<?> layer) {
        try {
            Field helper = layer.getDeclaredField("helper");
            helper.setAccessible(true);
            return helper;
        } catch (NoSuchFieldException changedDl4j) {
            throw new ExceptionInInitializerError(changedDl4j);
        }
    }

    private static void set(Field field, Layer layer, Object helper) {
        try {
            field.set(layer, helper);
        } catch (IllegalAccessException notOpened) {
            throw new IllegalStateException("cannot replace the helper of " + layer.getConfig().getLayerName(),
                    notOpened);
        }
    }

    /**
     * Takes the normalizations' and their ReLUs' outputs out of the activations the listeners after it get: after the
     * forward pass they all hold the scratch array's last contents, so DL4J's UI would chart wrong numbers for them.
     */
    private static final class ScratchActivationsLeftOut extends BaseTrainingListener {
        private final Set<String> layers;

        ScratchActivationsLeftOut(Set<String> layers) {
            this.layers = Set.copyOf(layers);
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            activations.keySet().removeAll(layers);
        }
    }

    /** One array, outside DL4J's workspaces, that the normalized outputs are written into one at a time. */
    static final class Scratch {
        private INDArray buffer;

        /** An array of {@code shape} at the start of the scratch array, which grows to hold it if needed. */
        INDArray view(long[] shape) {
            long length = 1;
            for (long size : shape) {
                length *= size;
            }
            if (buffer == null || buffer.length() < length) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    buffer = Nd4j.createUninitialized(DataType.FLOAT, length);
                }
            }
            return buffer.get(NDArrayIndex.interval(0, length)).reshape('c', shape);
        }
    }

    /** Computes a normalization's last training output again, and the ReLU after it, in place. */
    private record Recompute(BatchNormMoments.Helper normalization, IActivation relu) {
        void run(INDArray output) {
            if (normalization.recomputeTrainingOutput()) {
                relu.getActivation(output, true);
            }
        }
    }

    /** DL4J's oneDNN convolution, whose input is computed again before its backward pass. */
    private static final class Convolution extends MKLDNNConvHelper {
        private final Recompute recompute;

        Convolution(DataType dataType, Recompute recompute) {
            super(dataType);
            this.recompute = recompute;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias,
                INDArray delta, int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView,
                IActivation afn, AlgoMode mode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            recompute.run(input);
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
    }

    /** DL4J's oneDNN pooling, whose input is computed again before its backward pass. */
    private static final class Pooling extends MKLDNNSubsamplingHelper {
        private final Recompute recompute;

        Pooling(DataType dataType, Recompute recompute) {
            super(dataType);
            this.recompute = recompute;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, int[] kernel,
                int[] strides, int[] pad, PoolingType poolingType, ConvolutionMode convolutionMode, int[] dilation,
                CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            recompute.run(input);
            return super.backpropGradient(input, epsilon, kernel, strides, pad, poolingType, convolutionMode,
                    dilation, format, workspaceMgr);
        }
    }
}
