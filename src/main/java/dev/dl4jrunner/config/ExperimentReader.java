package dev.dl4jrunner.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.dl4jrunner.config.Schema.Key;
import dev.dl4jrunner.config.Schema.Type;

import static dev.dl4jrunner.config.Schema.*;

/**
 * Validates an experiment's node tree against the {@link Schema} and builds the {@link ExperimentConfig}.
 *
 * <p>Every key is checked even after an error, so one run reports all problems. A null value ({@code key:}
 * with nothing after it, {@code ~} or {@code null}) counts as absent: the key takes its default.
 */
final class ExperimentReader {
    private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]+");
    /** {@code .} and {@code ..} would name the run directory's parent or itself. */
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");
    private static final List<String> SHAPE_PARTS = List.of("height", "width", "channels");
    /** VGG16 halves height and width five times; below 32 pixels nothing is left to pool. */
    private static final int MIN_SIDE = 32;
    /** The YAML core schema's tags; any other ({@code !!binary}, {@code !!set}, {@code !local}) means nothing here. */
    private static final Set<Tag> CORE_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

    private final MappingNode root;
    private final Path workingDir;
    private final Problems problems;
    private final Map<Key, Object> values = new HashMap<>();

    ExperimentReader(MappingNode root, Path workingDir, Problems problems) {
        this.root = root;
        this.workingDir = workingDir;
        this.problems = problems;
    }

    /** The experiment, or every problem of the tree (and any reported before) as one exception. */
    ExperimentConfig read() throws ConfigException {
        checkKeys(root, "");
        for (Key key : KEYS) {
            if (key.type() == Type.MAP) {
                continue;
            }
            if (isUnusedOptimizerParameter(key)) {
                rejectUnusedOptimizerParameter(key);
            } else {
                readValue(key);
            }
        }
        checkName();
        checkClasses();
        checkShape();
        checkDense();
        problems.throwIfAny();
        return build();
    }

    private void checkKeys(MappingNode map, String section) {
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(section, "Keys must be names, found " + describe(tuple.getKeyNode()), tuple.getKeyNode());
                continue;
            }
            String path = section.isEmpty() ? keyNode.getValue() : section + "." + keyNode.getValue();
            Node first = seen.putIfAbsent(keyNode.getValue(), keyNode);
            Optional<Key> key = Schema.find(path);
            if (first != null) {
                problems.add(path, "Duplicate key " + Excerpt.quoted(path) + ", first at line "
                        + (first.getStartMark().getLine() + 1), keyNode);
            } else if (key.isEmpty()) {
                problems.add(path, unknownKey(keyNode.getValue(), section), keyNode);
            } else if (hasUnsupportedTag(keyNode)) {
                problems.add(path, "Key " + Excerpt.quoted(path) + unsupportedTag(keyNode), keyNode);
            } else if (key.get().type() == Type.MAP) {
                Node value = tuple.getValueNode();
                if (hasUnsupportedTag(value)) {
                    problems.add(path, path + unsupportedTag(value), value);
                } else if (value instanceof MappingNode mapping) {
                    checkKeys(mapping, path);
                } else if (!isNull(value)) {
                    problems.add(path, path + " must be " + Type.MAP.expected + ", found " + describe(value), value);
                }
            }
        }
    }

    private static String unknownKey(String name, String section) {
        List<String> known = Schema.children(section).stream().map(Key::name).toList();
        return "Key " + Excerpt.quoted(name) + " not in "
                + (section.isEmpty() ? "the experiment" : "'" + section + "'") + "." + DidYouMean.suggest(name, known);
    }

    private void readValue(Key key) {
        NodeTuple tuple = find(key.path());
        if (tuple == null) {
            if (key.required()) {
                problems.add(key.path(), key.path() + " is required");
            }
            return;
        }
        Node node = tuple.getValueNode();
        if (isNull(node)) {
            if (key.required()) {
                problems.add(key.path(), key.path() + " is required", node);
            }
            return;
        }
        Object value = convert(key, key.path(), key.type(), node);
        if (value != null) {
            values.put(key, value);
        }
    }

    /** The value of {@code node} as {@code type}, or null after reporting why it is not one. */
    private Object convert(Key key, String label, Type type, Node node) {
        if (hasUnsupportedTag(node)) {
            problems.add(key.path(), label + unsupportedTag(node), node);
            return null;
        }
        return switch (type) {
            case STRING -> text(key, label, node);
            case PATH -> path(key, node);
            case INTEGER, LONG -> integer(key, label, type, node);
            case FLOAT -> number(key, label, node);
            case BOOLEAN -> bool(key, label, node);
            case CHOICE -> choice(key, node);
            case STRING_LIST -> list(key, node, Type.STRING);
            case INTEGER_LIST -> list(key, node, Type.INTEGER);
            case MAP -> throw new IllegalArgumentException("sections have no value: " + key.path());
        };
    }

    private String text(Key key, String label, Node node) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            return wrongType(key, label, Type.STRING, node);
        }
        if (scalar.getValue().isEmpty()) {
            problems.add(key.path(), label + " must not be empty", node);
            return null;
        }
        return scalar.getValue();
    }

    private Path path(Key key, Node node) {
        String text = text(key, key.path(), node);
        if (text == null) {
            return null;
        }
        try {
            return workingDir.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(key.path(), key.path() + " is not a valid path: " + e.getReason(), node);
            return null;
        }
    }

    /** An Integer, or a Long for {@link Type#LONG}; too large a number is a range error, not an exception. */
    private Number integer(Key key, String label, Type type, Node node) {
        BigInteger value = null;
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                value = new BigInteger(scalar.getValue());
            } catch (NumberFormatException e) {
                // an explicit !!int tag on text that is no integer: the type error below says so
            }
        }
        if (value == null) {
            return wrongType(key, label, type, node);
        }
        boolean isLong = type == Type.LONG;
        BigInteger min = BigInteger.valueOf(isLong ? Long.MIN_VALUE : Integer.MIN_VALUE);
        BigInteger max = BigInteger.valueOf(isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        String found = Excerpt.of(((ScalarNode) node).getValue());
        if (!key.range().contains(value.doubleValue())) {
            return outOfRange(key, label, key.range().toString(), found, node);
        }
        if (value.compareTo(max) > 0) {
            return outOfRange(key, label, "<= " + max, found, node);
        }
        if (value.compareTo(min) < 0) {
            return outOfRange(key, label, ">= " + min, found, node);
        }
        if (isLong) {
            return value.longValue();
        }
        return value.intValue();
    }

    private Double number(Key key, String label, Node node) {
        double value = Double.NaN;
        if (node instanceof ScalarNode scalar && (scalar.getTag().equals(Tag.FLOAT)
                || scalar.getTag().equals(Tag.INT))) {
            try {
                value = Double.parseDouble(scalar.getValue());
            } catch (NumberFormatException e) {
                // an explicit !!float tag on text that is no number: the type error below says so
            }
        }
        if (!Double.isFinite(value)) {
            return wrongType(key, label, Type.FLOAT, node);
        }
        if (!key.range().contains(value)) {
            return outOfRange(key, label, key.range().toString(), Excerpt.of(((ScalarNode) node).getValue()), node);
        }
        return value;
    }

    private Boolean bool(Key key, String label, Node node) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            // an explicit !!bool tag may sit on any text; only the core schema's spellings count
            String text = scalar.getValue().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        return wrongType(key, label, Type.BOOLEAN, node);
    }

    private Enum<?> choice(Key key, Node node) {
        Enum<?>[] constants = ((Enum<?>) key.defaultValue()).getDeclaringClass().getEnumConstants();
        if (node instanceof ScalarNode scalar) {
            for (Enum<?> constant : constants) {
                if (Schema.yamlName(constant).equals(scalar.getValue())) {
                    return constant;
                }
            }
        }
        String choices = String.join(", ", key.choices());
        problems.add(key.path(), key.path() + " must be " + Type.CHOICE.expected + " " + choices
                + ", found " + describe(node), node);
        return null;
    }

    private List<Object> list(Key key, Node node, Type elementType) {
        if (!(node instanceof SequenceNode sequence)) {
            return wrongType(key, key.path(), key.type(), node);
        }
        List<Object> elements = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            elements.add(convert(key, key.path() + "[" + i + "]", elementType, nodes.get(i)));
        }
        return elements.contains(null) ? null : elements;
    }

    private <T> T wrongType(Key key, String label, Type type, Node node) {
        problems.add(key.path(), label + " must be " + type.expected + ", found " + describe(node), node);
        return null;
    }

    private <T> T outOfRange(Key key, String label, String rule, String found, Node node) {
        problems.add(key.path(), label + " must be " + rule + ", found " + found, node);
        return null;
    }

    private boolean isUnusedOptimizerParameter(Key key) {
        return OPTIMIZER_PARAMETERS.containsKey(key) && !problems.has(OPTIMIZER_TYPE.path())
                && !Schema.appliesTo(key, get(OPTIMIZER_TYPE));
    }

    private void rejectUnusedOptimizerParameter(Key key) {
        NodeTuple tuple = find(key.path());
        if (tuple != null && !isNull(tuple.getValueNode())) {
            OptimizerType type = get(OPTIMIZER_TYPE);
            problems.add(key.path(), key.path() + " is not a parameter of optimizer type '"
                    + Schema.yamlName(type) + "'", tuple.getKeyNode());
        }
    }

    private void checkName() {
        if (!(values.get(NAME) instanceof String name)) {
            return;
        }
        Node node = find(NAME.path()).getValueNode();
        if (!NAME_CHARACTERS.matcher(name).matches()) {
            problems.add(NAME.path(), "name may contain only letters, digits, '.', '_' and '-', found "
                    + Excerpt.quoted(name), node);
        } else if (ONLY_DOTS.matcher(name).matches()) {
            problems.add(NAME.path(), "name must not be only dots, found " + Excerpt.quoted(name), node);
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(NAME.path(), "name must be at most " + MAX_NAME_LENGTH + " characters, found "
                    + name.length(), node);
        }
    }

    private void checkClasses() {
        if (!(values.get(DATA_CLASSES) instanceof List<?> classes)) {
            return;
        }
        List<Node> nodes = ((SequenceNode) find(DATA_CLASSES.path()).getValueNode()).getValue();
        if (classes.size() == 1) {
            problems.add(DATA_CLASSES.path(), "data.classes must name at least 2 classes, found 1", nodes.get(0));
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            if (!seen.add(classes.get(i))) {
                problems.add(DATA_CLASSES.path(), "data.classes names " + Excerpt.quoted(String.valueOf(classes.get(i)))
                        + " twice", nodes.get(i));
            }
        }
    }

    private void checkShape() {
        if (!(values.get(INPUT_SHAPE) instanceof List<?> shape)) {
            return;
        }
        Node node = find(INPUT_SHAPE.path()).getValueNode();
        if (shape.size() != SHAPE_PARTS.size()) {
            problems.add(INPUT_SHAPE.path(), "input.shape must be [height, width, channels], found "
                    + shape.size() + (shape.size() == 1 ? " element" : " elements"), node);
            return;
        }
        List<Node> nodes = ((SequenceNode) node).getValue();
        for (int i = 0; i < 2; i++) {
            if ((Integer) shape.get(i) < MIN_SIDE) {
                problems.add(INPUT_SHAPE.path(), "input.shape " + SHAPE_PARTS.get(i) + " must be >= " + MIN_SIDE
                        + ", found " + shape.get(i), nodes.get(i));
            }
        }
        int channels = (Integer) shape.get(2);
        if (channels != 1 && channels != 3) {
            problems.add(INPUT_SHAPE.path(), "input.shape channels must be 1 or 3, found " + channels, nodes.get(2));
        }
    }

    private void checkDense() {
        if (values.get(MODEL_DENSE) instanceof List<?> dense && dense.isEmpty()) {
            problems.add(MODEL_DENSE.path(), "model.dense must name at least one layer width",
                    find(MODEL_DENSE.path()).getValueNode());
        }
    }

    private ExperimentConfig build() {
        List<Integer> shape = get(INPUT_SHAPE);
        Integer limit = get(DATA_LIMIT_PER_CLASS);
        NodeTuple earlyStoppingTuple = find(EARLY_STOPPING.path());
        boolean earlyStopping = earlyStoppingTuple != null && earlyStoppingTuple.getValueNode() instanceof MappingNode;
        return new ExperimentConfig(
                get(NAME),
                get(SEED),
                new DataConfig(get(DATA_DIR), get(DATA_LAYOUT), get(DATA_CLASSES), get(DATA_SPLIT),
                        limit == null ? OptionalInt.empty() : OptionalInt.of(limit), get(DATA_ON_BAD_IMAGE),
                        new AugmentConfig(get(AUGMENT_HORIZONTAL_FLIP), get(AUGMENT_RANDOM_CROP))),
                new InputConfig(shape.get(0), shape.get(1), shape.get(2)),
                new ModelConfig(get(MODEL_DENSE), get(MODEL_DROPOUT), get(MODEL_BATCH_NORM), get(MODEL_WEIGHT_INIT)),
                new OptimizerConfig(get(OPTIMIZER_TYPE), get(OPTIMIZER_LEARNING_RATE), get(OPTIMIZER_BETA1),
                        get(OPTIMIZER_BETA2), get(OPTIMIZER_EPSILON), get(OPTIMIZER_MOMENTUM), get(OPTIMIZER_RHO),
                        get(OPTIMIZER_WEIGHT_DECAY)),
                new TrainingConfig(get(TRAINING_EPOCHS), get(TRAINING_BATCH_SIZE), earlyStopping
                        ? Optional.of(new EarlyStoppingConfig(get(EARLY_STOPPING_METRIC), get(EARLY_STOPPING_PATIENCE),
                                get(EARLY_STOPPING_MIN_DELTA)))
                        : Optional.empty(),
                        new Parallelism(get(TRAINING_WORKERS), get(TRAINING_PARALLEL_MODE),
                                get(TRAINING_AVERAGING_FREQUENCY)), get(TRAINING_CACHE_FORWARD_PASS)),
                new CheckpointConfig(get(CHECKPOINTS_EVERY_ITERATIONS), get(CHECKPOINTS_EVERY_MINUTES),
                        get(CHECKPOINTS_EVERY_EPOCHS), get(CHECKPOINTS_KEEP_LAST)),
                isOn(SPARK) ? Optional.of(spark()) : Optional.empty());
    }

    private SparkConfig spark() {
        String master = get(SPARK_MASTER);
        Integer batchSizePerWorker = get(SPARK_BATCH_SIZE_PER_WORKER);
        return new SparkConfig(Optional.ofNullable(master), get(SPARK_TRAINING_MASTER),
                batchSizePerWorker == null ? OptionalInt.empty() : OptionalInt.of(batchSizePerWorker),
                get(SPARK_AVERAGING_FREQUENCY), get(SPARK_PREFETCH_BATCHES));
    }

    /** Whether an optional section is on: present as a map, {@code {}} included. */
    private boolean isOn(Key section) {
        NodeTuple tuple = find(section.path());
        return tuple != null && tuple.getValueNode() instanceof MappingNode;
    }

    /** The key's valid value, else its default; the cast is safe because {@link #convert} chose the type. */
    @SuppressWarnings("unchecked")
    private <T> T get(Key key) {
        return (T) values.getOrDefault(key, key.defaultValue());
    }

    /** The entry for a dotted path; the last one when a key is repeated, as YAML loaders do. */
    private NodeTuple find(String path) {
        Node current = root;
        NodeTuple found = null;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof MappingNode mapping)) {
                return null;
            }
            found = null;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
                    found = tuple;
                }
            }
            if (found == null) {
                return null;
            }
            current = found.getValueNode();
        }
        return found;
    }

    private static boolean hasUnsupportedTag(Node node) {
        return !CORE_TAGS.contains(node.getTag());
    }

    /** {@code " has an unsupported tag '!!binary'"}, with YAML's short form of the core schema's prefix. */
    private static String unsupportedTag(Node node) {
        String tag = node.getTag().getValue();
        return " has an unsupported tag "
                + Excerpt.quoted(tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag);
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    /** How a value appears in an error: {@code 'abc'}, {@code null}, {@code a list} or {@code a map}. */
    private static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        return isNull(node) ? "null" : Excerpt.quoted(((ScalarNode) node).getValue());
    }
}
