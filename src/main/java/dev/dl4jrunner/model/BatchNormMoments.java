package dev.dl4jrunner.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch normalization layers that take a training batch's mean and variance from libnd4j's {@code moments} op, in
 * one native call, instead of DL4J's two separate reductions.
 *
 * <p>DL4J's oneDNN helper for batch normalization ({@link MKLDNNBatchNormHelper}) computes the batch statistics
 * before it normalizes, with a mean and a {@code Variance} op over the batch and spatial axes. The variance op alone
 * took 28 ms of the 34 ms for the largest layer of VGG16 at 64x64 (batch 32, 64 channels of 64x64), and the thirteen
 * layers' statistics 138 ms of every training step, about a tenth of it. {@code moments} returns the same mean and
 * variance, to the last bit on the measured shapes, in 42 ms for all thirteen (docs/performance.md, eleventh
 * session). Everything else is what DL4J's helper does: oneDNN's {@code batchnorm} and {@code batchnorm_bp} ops,
 * given the batch statistics while training and the running ones otherwise, and the running statistics updated by
 * DL4J's layer from {@link BatchNormalizationHelper#getMeanCache} and {@link BatchNormalizationHelper#getVarCache}.
 *
 * <p>Only the layers' helper objects change, not the configuration: a saved model is plain DL4J, and copies of the
 * graph (parallel workers, Spark) use DL4J's helper. A layer without DL4J's oneDNN helper (helpers off, another
 * backend, half precision) keeps whatever it has.
 */
public final class BatchNormMoments {
    private static final Field HELPER = helperField();

    private BatchNormMoments() {
    }

    /** Gives every batch normalization layer of {@code graph} (built or restored) that uses oneDNN these statistics. */
    public static ComputationGraph apply(ComputationGraph graph) {
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof BatchNormalization normalization
                    && normalization.getHelper() instanceof MKLDNNBatchNormHelper) {
                try {
                    HELPER.set(normalization, new Helper());
                } catch (IllegalAccessException notOpened) {
                    throw new IllegalStateException("cannot replace the helper of " + layer.getConfig().getLayerName(),
                            notOpened);
                }
            }
        }
        return graph;
    }

    private static Field helperField() {
        try {
            Field helper = BatchNormalization.class.getDeclaredField("helper");
            helper.setAccessible(true);
            return helper;
        } catch (NoSuchFieldException changedDl4j) {
            throw new ExceptionInInitializerError(changedDl4j);
        }
    }

    /** DL4J's oneDNN batch normalization, with the batch statistics from one {@code moments} op. */
    static final class Helper implements BatchNormalizationHelper {
        private INDArray batchMean;
        private INDArray batchVariance;
        private RecomputedNormalization.Scratch scratch;
        private Runnable lastTrainingOutput;

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                  INDArray runningMean, INDArray runningVariance, double decay, double eps,
                                  CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            if (x.dataType() != DataType.FLOAT) {
                return null;
            }
            int channels = channelAxis(x, format);
            INDArray mean;
            INDArray variance;
            if (training) {
                computeBatchStatistics(x, channels);
                mean = batchMean;
                variance = batchVariance;
            } else {
                mean = runningMean.reshape(runningMean.length());
                variance = runningVariance.reshape(runningVariance.length());
            }
            boolean recomputable = training && scratch != null;
            INDArray out = recomputable ? scratch.view(x.shape())
                    : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape());
            INDArray[] inputs = gamma != null && beta != null
                    ? new INDArray[] {x, mean, variance, vector(gamma), vector(beta)}
                    : new INDArray[] {x, mean, variance};
            // The builder checks each call's inputs against the op's minimum: all of them in one call.
            Runnable normalize = () -> Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                    .addInputs(inputs)
                    .addIntegerArguments(gamma == null ? 0 : 1, beta == null ? 0 : 1, channels)
                    .addFloatingPointArguments(eps)
                    .addOutputs(out)
                    .build());
            normalize.run();
            lastTrainingOutput = recomputable ? normalize : null;
            return out;
        }

        /**
         * Writes this layer's output into {@code scratch} while training, instead of into DL4J's workspace of all
         * activations, so that {@link #recomputeTrainingOutput} can compute it again for the backward pass.
         */
        void writeTrainingOutputTo(RecomputedNormalization.Scratch scratch) {
            this.scratch = scratch;
        }

        /** Computes the last training output again, to the same bits, into the same array; false if there is none. */
        boolean recomputeTrainingOutput() {
            if (lastTrainingOutput == null) {
                return false;
            }
            lastTrainingOutput.run();
            return true;
        }

        private void computeBatchStatistics(INDArray x, int channelAxis) {
            long channels = x.size(channelAxis);
            if (batchMean == null || batchMean.length() != channels) {
                // Kept between the forward and the backward pass, and read by the layer to update its running
                // statistics: outside DL4J's workspaces, which are reset in between.
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    batchMean = Nd4j.createUninitialized(x.dataType(), channels);
                    batchVariance = Nd4j.createUninitialized(x.dataType(), channels);
                }
            }
            Nd4j.exec(DynamicCustomOp.builder("moments")
                    .addInputs(x)
                    .addIntegerArguments(reducedAxes(x.rank(), channelAxis))
                    .addOutputs(batchMean, batchVariance)
                    .build());
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape,
                                                         INDArray gamma, INDArray beta, INDArray gammaGradient,
                                                         INDArray betaGradient, double eps, CNN2DFormat format,
                                                         LayerWorkspaceMgr workspaceMgr) {
            if (input.dataType() != DataType.FLOAT) {
                return null;
            }
            // oneDNN reads the gradient as a dense array (the workaround in DL4J's helper for its issue 8860).
            INDArray gradient = Shape.hasDefaultStridesForShape(epsilon) ? epsilon : epsilon.dup('c');
            List<INDArray> inputs = new ArrayList<>(List.of(input, batchMean, batchVariance));
            if (gamma != null) {
                inputs.add(vector(gamma));
            }
            if (beta != null) {
                inputs.add(vector(beta));
            }
            inputs.add(gradient);
            INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape());
            List<INDArray> outputs = new ArrayList<>(List.of(inputGradient,
                    workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, batchMean.shape()),
                    workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, batchMean.shape())));
            if (gammaGradient != null) {
                outputs.add(vector(gammaGradient));
                outputs.add(vector(betaGradient));
            }
            DynamicCustomOp.DynamicCustomOpsBuilder backward = DynamicCustomOp.builder("batchnorm_bp")
                    .addInputs(inputs.toArray(INDArray[]::new))
                    .addIntegerArguments(gamma == null ? 0 : 1, beta == null ? 0 : 1, channelAxis(input, format))
                    .addFloatingPointArguments(eps)
                    .addOutputs(outputs.toArray(INDArray[]::new));
            Nd4j.exec(backward.build());

            Gradient parameters = new DefaultGradient();
            parameters.setGradientFor(BatchNormalizationParamInitializer.GAMMA, gammaGradient);
            parameters.setGradientFor(BatchNormalizationParamInitializer.BETA, betaGradient);
            return new Pair<>(parameters, inputGradient);
        }

        /** The channels' axis, as DL4J's helper gives it to libnd4j: 1 unless the input is NHWC images. */
        private static int channelAxis(INDArray x, CNN2DFormat format) {
            return x.rank() != 4 || format == CNN2DFormat.NCHW ? 1 : 3;
        }

        /** Every axis but the channels'. */
        static int[] reducedAxes(int rank, int channelAxis) {
            int[] axes = new int[rank - 1];
            for (int axis = 0, next = 0; axis < rank; axis++) {
                if (axis != channelAxis) {
                    axes[next++] = axis;
                }
            }
            return axes;
        }

        private static INDArray vector(INDArray parameter) {
            return parameter.rank() == 1 ? parameter : parameter.reshape(parameter.length());
        }

        @Override
        public INDArray getMeanCache(DataType dataType) {
            return batchMean;
        }

        @Override
        public INDArray getVarCache(DataType dataType) {
            return batchVariance;
        }

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return !fixedGammaBeta;
        }

        @Override
        public boolean checkSupported() {
            return true;
        }

        @Override
        public Map<String, Long> helperMemoryUse() {
            return Map.of();
        }
    }
}
