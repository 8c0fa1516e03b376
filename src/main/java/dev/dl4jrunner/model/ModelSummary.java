package dev.dl4jrunner.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The walk-through's model summary: one row per layer with its type, output shape and parameter count. */
public final class ModelSummary {
    private ModelSummary() {
    }

    /** One row of the table. Output shapes are per image, in DL4J's channels-first order for convolutions. */
    public record Row(String name, String type, String outputShape, long parameters) {
    }

    public static List<Row> rows(ComputationGraph graph, InputType input) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> outputs = conf.getLayerActivationTypes(input);
        List<Row> rows = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            if (conf.getNetworkInputs().contains(name)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            String type = vertex instanceof LayerVertex layer
                    ? layer.getLayerConf().getLayer().getClass().getSimpleName()
                    : "Flatten";
            long params = graph.getVertex(name).hasLayer() ? graph.getLayer(name).numParams() : 0;
            rows.add(new Row(name, type, shape(outputType(conf, outputs, name)), params));
        }
        return rows;
    }

    /** Renders the table with a total line, as Keras' {@code model.summary()} does. */
    public static String render(ComputationGraph graph, InputType input) {
        List<Row> rows = rows(graph, input);
        StringBuilder out = new StringBuilder();
        String format = "%-16s %-20s %-16s %,14d%n";
        out.append(String.format("%-16s %-20s %-16s %14s%n", "Layer", "Type", "Output shape", "Parameters"));
        long total = 0;
        for (Row row : rows) {
            out.append(String.format(format, row.name(), row.type(), row.outputShape(), row.parameters()));
            total += row.parameters();
        }
        out.append(String.format("%-54s %,14d%n", "Total parameters", total));
        return out.toString();
    }

    /** DL4J reports a loss layer's output as empty; it has the shape of its input. */
    private static InputType outputType(ComputationGraphConfiguration conf, Map<String, InputType> outputs, String name) {
        InputType type = outputs.get(name);
        if (type instanceof InputType.InputTypeFeedForward ff && ff.getSize() == 0) {
            return outputs.get(conf.getVertexInputs().get(name).get(0));
        }
        return type;
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional conv) {
            return conv.getChannels() + "x" + conv.getHeight() + "x" + conv.getWidth();
        }
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return String.valueOf(ff.getSize());
        }
        return type == null ? "?" : type.toString();
    }
}
