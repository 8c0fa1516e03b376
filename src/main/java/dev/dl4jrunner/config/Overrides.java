package dev.dl4jrunner.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies {@code --set key.path=value} overrides to an experiment's node tree before it is validated.
 *
 * <p>The value is YAML, so {@code 1e-4} is a number, {@code [64, 64, 3]} a list and an empty value null,
 * which resets the key to its default. Overridden nodes are marked so that errors point at the override
 * rather than at a line of the file.
 */
final class Overrides {

    private Overrides() {
    }

    static void apply(List<String> overrides, MappingNode root, Problems problems) {
        for (String text : overrides) {
            int equals = text.indexOf('=');
            String path = equals < 0 ? "" : text.substring(0, equals).trim();
            if (path.isEmpty() || Arrays.asList(path.split("\\.", -1)).contains("")) {
                problems.addOverride(path, "Override must look like key.path=value", text);
                continue;
            }
            Node value;
            try {
                value = SafeYaml.compose(text.substring(equals + 1));
            } catch (YAMLException e) {
                problems.addOverride(path, "Override value is not valid YAML: " + SafeYaml.problem(e), text);
                continue;
            }
            if (value == null) {
                value = scalar(Tag.NULL, "");
            }
            set(root, path.split("\\."), value, text, problems);
        }
    }

    /**
     * Puts {@code value} at {@code path}, creating missing sections. A section that is a scalar or a list in the
     * file is left alone: validation reports it, and the override could not apply anyway. A path that goes through
     * a value ({@code name.x}, {@code input.shape.0}) is an error of the override.
     */
    private static void set(MappingNode root, String[] path, Node value, String text, Problems problems) {
        MappingNode map = root;
        for (int i = 0; i < path.length - 1; i++) {
            Node child = valueOf(map, path[i]);
            if (child == null || child.getTag().equals(Tag.NULL)) {
                child = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                put(map, path[i], child, text, problems);
            }
            if (!(child instanceof MappingNode section)) {
                String parent = String.join(".", Arrays.copyOf(path, i + 1));
                if (!isSection(parent)) {
                    String full = String.join(".", path);
                    problems.addOverride(full, "Cannot set " + full + ": " + parent + " is a value, not a section",
                            text);
                }
                return;
            }
            map = section;
        }
        put(map, path[path.length - 1], value, text, problems);
    }

    private static boolean isSection(String path) {
        return Schema.find(path).filter(key -> key.type() == Schema.Type.MAP).isPresent();
    }

    /** Replaces the last entry named {@code name} (the one that counts) or adds one. */
    private static void put(MappingNode map, String name, Node value, String text, Problems problems) {
        ScalarNode key = scalar(Tag.STR, name);
        problems.markOverride(key, text);
        problems.markOverride(value, text);
        List<NodeTuple> tuples = map.getValue();
        for (int i = tuples.size() - 1; i >= 0; i--) {
            if (isNamed(tuples.get(i), name)) {
                tuples.set(i, new NodeTuple(key, value));
                return;
            }
        }
        tuples.add(new NodeTuple(key, value));
    }

    private static Node valueOf(MappingNode map, String name) {
        Node found = null;
        for (NodeTuple tuple : map.getValue()) {
            if (isNamed(tuple, name)) {
                found = tuple.getValueNode();
            }
        }
        return found;
    }

    private static boolean isNamed(NodeTuple tuple, String name) {
        return tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name);
    }

    private static ScalarNode scalar(Tag tag, String text) {
        return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
