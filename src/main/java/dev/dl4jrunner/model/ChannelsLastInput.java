package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the input pipeline's channels-first images (NCHW, what DataVec's {@code ImageRecordReader} produces) into
 * the channels-last layout (NHWC) the network computes in, and its gradient back. Being part of the model, it keeps
 * every image path (training, validation, evaluate, predict) the same for models of either layout.
 */
public final class ChannelsLastInput extends BaseInputPreProcessor {
    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return workspaces.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return workspaces.dup(ArrayType.ACTIVATION_GRAD, epsilon.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional image)
                || image.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("Expected channels-first images, got " + inputType);
        }
        return InputType.convolutional(image.getHeight(), image.getWidth(), image.getChannels(), CNN2DFormat.NHWC);
    }

    @Override
    public ChannelsLastInput clone() {
        return new ChannelsLastInput();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelsLastInput;
    }

    @Override
    public int hashCode() {
        return ChannelsLastInput.class.hashCode();
    }
}
