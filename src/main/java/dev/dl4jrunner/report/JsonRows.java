package dev.dl4jrunner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** A JSON document as {@code dotted.key: value} rows for a two-column table; lists of plain values on one row. */
final class JsonRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRows() {
    }

    record Row(String key, String value) {
    }

    /** The rows, or empty when the text is not a JSON object. */
    static List<Row> of(String json) {
        List<Row> rows = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root != null && root.isObject()) {
                add("", root, rows);
            }
        } catch (IOException e) {
            return List.of();
        }
        return rows;
    }

    private static void add(String prefix, JsonNode node, List<Row> rows) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                add(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), rows);
            }
        } else if (node.isArray() && StreamSupport.stream(node.spliterator(), false).allMatch(JsonNode::isValueNode)) {
            rows.add(new Row(prefix, StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining(", "))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                add(prefix + "[" + i + "]", node.get(i), rows);
            }
        } else {
            rows.add(new Row(prefix, node.isNull() ? "" : node.asText()));
        }
    }
}
