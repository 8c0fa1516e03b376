package dev.dl4jrunner.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dl4jrunner.config.Schema.Key;
import dev.dl4jrunner.config.Schema.Range;
import dev.dl4jrunner.config.Schema.Type;

/** The experiment file's reference documentation, generated from the {@link Schema} so that it cannot drift. */
final class ConfigReference {

    private ConfigReference() {
    }

    /** CONFIG_REFERENCE.md: a short introduction and one table row per key. */
    static String markdown() {
        String rows = Schema.KEYS.stream().map(ConfigReference::row).collect(Collectors.joining("\n"));
        return """
                ## Experiment file reference

                Keys are snake_case. `data`, `input` and `training` are required; the other sections may be left \
                out. A key set to nothing (`key:`, `~` or `null`) counts as absent. `--set key.path=value` \
                overrides any key, with the value read as YAML: `--set optimizer.learning_rate=1e-4`, \
                `--set input.shape=[32, 32, 3]`.

                | Key | Type | Default | Meaning |
                |-----|------|---------|---------|
                """ + rows + "\n";
    }

    private static String row(Key key) {
        return "| `" + key.path() + "` | " + type(key) + " | " + defaultText(key) + " | " + meaning(key) + " |";
    }

    private static String type(Key key) {
        if (key.type() == Type.CHOICE) {
            return key.choices().stream().map(choice -> "`" + choice + "`").collect(Collectors.joining(" \\| "));
        }
        if (key.range().equals(Range.ANY)) {
            return key.type().docName;
        }
        return key.type().docName + (key.type() == Type.INTEGER_LIST ? ", each " : ", ") + key.range();
    }

    private static String defaultText(Key key) {
        if (key.required()) {
            return "required";
        }
        Object value = key.defaultValue();
        if (value == null) {
            return key.type() == Type.MAP ? "" : "none";
        }
        String text;
        if (value instanceof Double number) {
            text = Schema.formatFloat(number);
        } else if (value instanceof Enum<?> constant) {
            text = Schema.yamlName(constant);
        } else if (value instanceof List<?> list) {
            text = list.toString();
        } else {
            text = value.toString();
        }
        return "`" + text + "`";
    }

    private static String meaning(Key key) {
        List<String> types = Schema.OPTIMIZER_PARAMETERS.getOrDefault(key, Set.of()).stream()
                .map(type -> "`" + Schema.yamlName(type) + "`")
                .toList();
        return types.isEmpty() ? key.doc() : key.doc() + " Only for type " + String.join(" and ", types) + ".";
    }
}
