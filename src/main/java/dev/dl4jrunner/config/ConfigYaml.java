package dev.dl4jrunner.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
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
 * Writes a resolved experiment back as YAML, for a run's provenance and its config hash.
 *
 * <p>The text sets every key, defaults included, in schema order, with {@code data.dir} absolute, and
 * {@link ExperimentLoader} reads it back to an equal record. Optimizer parameters that the chosen type does
 * not use are left out, since the loader rejects them; a key or section that is off reads {@code null}.
 */
public final class ConfigYaml {

    private ConfigYaml() {
    }

    public static String render(ExperimentConfig config) {
        Map<Key, Object> values = values(config);
        MappingNode root = mapping();
        Map<String, MappingNode> sections = new HashMap<>(Map.of("", root));
        for (Key key : Schema.KEYS) {
            MappingNode parent = sections.get(key.parent());
            boolean isSection = key.type() == Type.MAP;
            if (parent == null || !(isSection || values.containsKey(key))) {
                continue; // inside a section that is off, or an optimizer parameter the type does not use
            }
            if (key == SPARK && !hasKeysIn(values, key)) {
                continue; // only a Spark run has the section: a local run's config reads as it did before Spark
            }
            Node node = isSection && hasKeysIn(values, key) ? openSection(sections, key) : toNode(values.get(key));
            parent.getValue().add(new NodeTuple(scalar(Tag.STR, key.name()), node));
        }
        return SafeYaml.serialize(root);
    }

    /** The hex SHA-256 of {@link #render}: equal experiments have equal hashes. */
    public static String hash(ExperimentConfig config) {
        return sha256(render(config));
    }

    /** The hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** The value of each key to write; null for one that is off. */
    private static Map<Key, Object> values(ExperimentConfig config) {
        Map<Key, Object> values = new HashMap<>();
        values.put(NAME, config.name());
        values.put(SEED, config.seed());

        DataConfig data = config.data();
        values.put(DATA_DIR, data.dir());
        values.put(DATA_LAYOUT, data.layout());
        values.put(DATA_CLASSES, data.classes());
        values.put(DATA_SPLIT, data.split());
        values.put(DATA_LIMIT_PER_CLASS, data.limitPerClass().isPresent() ? data.limitPerClass().getAsInt() : null);
        values.put(DATA_ON_BAD_IMAGE, data.onBadImage());
        values.put(AUGMENT_HORIZONTAL_FLIP, data.augment().horizontalFlip());
        values.put(AUGMENT_RANDOM_CROP, data.augment().randomCrop());

        InputConfig input = config.input();
        values.put(INPUT_SHAPE, List.of(input.height(), input.width(), input.channels()));

        ModelConfig model = config.model();
        values.put(MODEL_DENSE, model.dense());
        values.put(MODEL_DROPOUT, model.dropout());
        values.put(MODEL_BATCH_NORM, model.batchNorm());
        values.put(MODEL_WEIGHT_INIT, model.weightInit());

        OptimizerConfig optimizer = config.optimizer();
        values.put(OPTIMIZER_TYPE, optimizer.type());
        values.put(OPTIMIZER_LEARNING_RATE, optimizer.learningRate());
        values.put(OPTIMIZER_WEIGHT_DECAY, optimizer.weightDecay());
        values.put(OPTIMIZER_BETA1, optimizer.beta1());
        values.put(OPTIMIZER_BETA2, optimizer.beta2());
        values.put(OPTIMIZER_EPSILON, optimizer.epsilon());
        values.put(OPTIMIZER_MOMENTUM, optimizer.momentum());
        values.put(OPTIMIZER_RHO, optimizer.rho());
        values.keySet().removeIf(key -> !Schema.appliesTo(key, optimizer.type()));

        TrainingConfig training = config.training();
        values.put(TRAINING_EPOCHS, training.epochs());
        values.put(TRAINING_BATCH_SIZE, training.batchSize());
        values.put(TRAINING_WORKERS, training.parallelism().workers());
        values.put(TRAINING_PARALLEL_MODE, training.parallelism().mode());
        values.put(TRAINING_AVERAGING_FREQUENCY, training.parallelism().averagingFrequency());
        values.put(TRAINING_CACHE_FORWARD_PASS, training.cacheForwardPass());
        training.earlyStopping().ifPresent(stopping -> {
            values.put(EARLY_STOPPING_METRIC, stopping.metric());
            values.put(EARLY_STOPPING_PATIENCE, stopping.patience());
            values.put(EARLY_STOPPING_MIN_DELTA, stopping.minDelta());
        });

        values.put(CHECKPOINTS_EVERY_ITERATIONS, config.checkpoints().everyIterations());
        values.put(CHECKPOINTS_EVERY_MINUTES, config.checkpoints().everyMinutes());
        values.put(CHECKPOINTS_EVERY_EPOCHS, config.checkpoints().everyEpochs());
        values.put(CHECKPOINTS_KEEP_LAST, config.checkpoints().keepLast());

        config.spark().ifPresent(spark -> {
            values.put(SPARK_MASTER, spark.master().orElse(null));
            values.put(SPARK_TRAINING_MASTER, spark.trainingMaster());
            values.put(SPARK_BATCH_SIZE_PER_WORKER, spark.batchSizePerWorker().isPresent()
                    ? spark.batchSizePerWorker().getAsInt() : null);
            values.put(SPARK_AVERAGING_FREQUENCY, spark.averagingFrequency());
            values.put(SPARK_PREFETCH_BATCHES, spark.prefetchBatches());
        });
        return values;
    }

    private static MappingNode openSection(Map<String, MappingNode> sections, Key key) {
        MappingNode section = mapping();
        sections.put(key.path(), section);
        return section;
    }

    private static boolean hasKeysIn(Map<Key, Object> values, Key section) {
        return values.keySet().stream().anyMatch(key -> key.path().startsWith(section.path() + "."));
    }

    private static Node toNode(Object value) {
        if (value == null) {
            return scalar(Tag.NULL, "null");
        }
        if (value instanceof List<?> list) {
            List<Node> elements = new ArrayList<>();
            list.forEach(element -> elements.add(toNode(element)));
            return new SequenceNode(Tag.SEQ, elements, DumperOptions.FlowStyle.FLOW);
        }
        if (value instanceof Double number) {
            return scalar(Tag.FLOAT, Schema.formatFloat(number));
        }
        if (value instanceof Integer || value instanceof Long) {
            return scalar(Tag.INT, value.toString());
        }
        if (value instanceof Boolean) {
            return scalar(Tag.BOOL, value.toString());
        }
        if (value instanceof Enum<?> constant) {
            return scalar(Tag.STR, Schema.yamlName(constant));
        }
        if (value instanceof String || value instanceof Path) {
            return scalar(Tag.STR, value.toString());
        }
        throw new IllegalArgumentException("no YAML form for " + value.getClass());
    }

    private static MappingNode mapping() {
        return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
    }

    private static ScalarNode scalar(Tag tag, String text) {
        return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
