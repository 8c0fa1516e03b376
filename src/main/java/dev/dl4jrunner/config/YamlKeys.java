package dev.dl4jrunner.config;

import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A YAML document as dotted keys and their values as written: {@code optimizer.learning_rate -> 1.0E-4},
 * {@code model.dense -> [100, 100]}. For reading a run's resolved {@code config.yaml} without validating it, so a run
 * written by another version of the runner still shows its settings.
 */
public final class YamlKeys {
    private YamlKeys() {
    }

    /**
     * The document's leaves in document order; a section that is off ({@code null}) is a key with value {@code null}.
     *
     * @throws IllegalArgumentException when the text is not YAML or not a map
     */
    public static Map<String, String> flatten(String text) {
        Node root;
        try {
            root = SafeYaml.compose(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(SafeYaml.problem(e), e);
        }
        if (!(root instanceof MappingNode map)) {
            throw new IllegalArgumentException("not a map of keys");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        flatten("", map, keys);
        return keys;
    }

    private static void flatten(String prefix, MappingNode map, Map<String, String> keys) {
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            String path = prefix + key.getValue();
            if (tuple.getValueNode() instanceof MappingNode section) {
                flatten(path + ".", section, keys);
            } else {
                keys.put(path, text(tuple.getValueNode()));
            }
        }
    }

    private static String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().stream().map(YamlKeys::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return "{...}";
    }
}
