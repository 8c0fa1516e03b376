package dev.dl4jrunner.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What the runner changes in the layer objects of a graph this process trains, all measured to give the same
 * weights as DL4J's own layers: ReLUs that work in place ({@link InPlaceRelu}), batch statistics from one native op
 * ({@link BatchNormMoments}) and, when {@code keepForwardPass}, the forward pass kept for the backward one
 * ({@link ForwardPassCache}) except the normalized outputs, computed again ({@link RecomputedNormalization}). The
 * configuration stays DL4J's, so a saved model is plain DL4J.
 */
public final class TrainingLayers {
    private TrainingLayers() {
    }

    /** Applies the changes to {@code graph}, built or restored, and returns it. */
    public static ComputationGraph apply(ComputationGraph graph, boolean keepForwardPass) {
        ComputationGraph changed = ForwardPassCache.apply(BatchNormMoments.apply(InPlaceRelu.apply(graph)),
                keepForwardPass);
        // Without the forward pass kept, a convolution computes its forward pass again from its input before its
        // backward pass, which would read the scratch array before it is written again.
        return keepForwardPass ? RecomputedNormalization.apply(changed) : changed;
    }
}
