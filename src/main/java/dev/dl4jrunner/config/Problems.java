package dev.dl4jrunner.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Collects the errors of one load and knows where each node came from: a line of the file or an override.
 *
 * <p>Errors are kept in reading order of the file, so a user can fix them top to bottom; errors of
 * overrides follow, then those without a position.
 */
final class Problems {
    private static final Comparator<Entry> READING_ORDER =
            Comparator.comparingInt(Entry::rank).thenComparingInt(Entry::line).thenComparingInt(Entry::column);

    private final String source;
    private final Map<Node, String> overrides = new IdentityHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /** @param source the file as the user named it, relative if they gave it relative */
    Problems(String source) {
        this.source = source;
    }

    /** Records that {@code node} and everything below it came from the override {@code --set text}. */
    void markOverride(Node node, String text) {
        if (overrides.putIfAbsent(node, text) != null) {
            return; // an alias seen before, or a cycle
        }
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(element -> markOverride(element, text));
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                markOverride(tuple.getKeyNode(), text);
                markOverride(tuple.getValueNode(), text);
            }
        }
    }

    /** An error located at a node of the tree. */
    void add(String keyPath, String message, Node at) {
        String override = overrides.get(at);
        if (override != null) {
            addOverride(keyPath, message, override);
        } else {
            add(keyPath, message, at.getStartMark());
        }
    }

    /** An error located at a position in the file. */
    void add(String keyPath, String message, Mark mark) {
        add(keyPath, message, mark.getLine(), mark.getColumn());
    }

    /** An error located at a 0-based line and column of the file. */
    void add(String keyPath, String message, int line, int column) {
        String location = source + ":" + (line + 1) + ":" + (column + 1);
        entries.add(entry(keyPath, message, location, 0, line, column));
    }

    /** An error in the override {@code --set text}. */
    void addOverride(String keyPath, String message, String text) {
        entries.add(entry(keyPath, message, "--set " + text, 1, 0, 0));
    }

    /** An error about the file as a whole, such as a missing key. */
    void add(String keyPath, String message) {
        entries.add(entry(keyPath, message, source, 2, 0, 0));
    }

    boolean has(String keyPath) {
        return entries.stream().anyMatch(entry -> entry.error().keyPath().equals(keyPath));
    }

    void throwIfAny() throws ConfigException {
        if (!entries.isEmpty()) {
            throw new ConfigException(source,
                    entries.stream().sorted(READING_ORDER).map(Entry::error).toList());
        }
    }

    /**
     * Messages and overrides carry the user's text, and SnakeYAML's messages the file's: escaped, none of it can
     * break the one line per error, or write control characters to the terminal.
     */
    private static Entry entry(String keyPath, String message, String location, int rank, int line, int column) {
        return new Entry(new ConfigError(keyPath, Excerpt.escape(message), Excerpt.escape(location)), rank, line,
                column);
    }

    private record Entry(ConfigError error, int rank, int line, int column) {
    }
}
