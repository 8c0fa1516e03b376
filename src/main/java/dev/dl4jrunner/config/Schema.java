package dev.dl4jrunner.config;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every key of an experiment file in document order, with its type, default, rule and meaning.
 *
 * <p>The reader validates against this table, {@link ConfigYaml} renders in its order and the reference
 * documentation is generated from it, so the three cannot drift apart. Rules that span a whole list or
 * several keys (name characters, distinct classes, the input shape, optimizer parameters) are spelled out
 * in the docs here and checked by {@link ExperimentReader}.
 */
final class Schema {

    /** What a key's value is in YAML and which Java type the reader turns it into. */
    enum Type {
        STRING("string", "a string"),
        PATH("path", "a string"),
        INTEGER("integer", "an integer"),
        LONG("integer", "an integer"),
        FLOAT("float", "a number"),
        BOOLEAN("boolean", "a boolean (true or false)"),
        CHOICE("choice", "one of"),
        STRING_LIST("list of strings", "a list"),
        INTEGER_LIST("list of integers", "a list"),
        MAP("map", "a map");

        final String docName;
        final String expected;

        Type(String docName, String expected) {
            this.docName = docName;
            this.expected = expected;
        }
    }

    /**
     * Bounds on a number, or on each element of an integer list. A missing bound is an inclusive infinity, so
     * that a huge integer, whose double value is infinite, still passes it and meets the int limit instead.
     */
    record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {
        static final Range ANY = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

        static Range atLeast(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, true);
        }

        static Range above(double min) {
            return new Range(min, false, Double.POSITIVE_INFINITY, true);
        }

        static Range atLeastBelow(double min, double max) {
            return new Range(min, true, max, false);
        }

        static Range between(double min, double max) {
            return new Range(min, false, max, false);
        }

        boolean contains(double value) {
            return (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
        }

        /** The rule as error messages and the reference phrase it: {@code >= 0 and < 1}. */
        @Override
        public String toString() {
            String lower = Double.isInfinite(min) ? "" : (minInclusive ? ">= " : "> ") + plain(min);
            String upper = Double.isInfinite(max) ? "" : (maxInclusive ? "<= " : "< ") + plain(max);
            return lower.isEmpty() || upper.isEmpty() ? lower + upper : lower + " and " + upper;
        }

        private static String plain(double bound) {
            return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * One key.
     *
     * @param path         dotted path from the document root, snake_case
     * @param type         the value's type
     * @param required     whether the file must set it
     * @param defaultValue the value when absent, as the record holds it; null when required or when absence
     *                     means "not set" (an empty Optional)
     * @param range        bounds for numbers and integer-list elements
     * @param doc          one line for the reference
     */
    record Key(String path, Type type, boolean required, Object defaultValue, Range range, String doc) {
        String name() {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        String parent() {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }

        /** The YAML spellings of a {@link Type#CHOICE} key's enum constants. */
        List<String> choices() {
            return Arrays.stream(((Enum<?>) defaultValue).getDeclaringClass().getEnumConstants())
                    .map(Schema::yamlName)
                    .toList();
        }
    }

    /**
     * The run directory is named {@code <19-character timestamp>_<name>}, perhaps with a {@code -N} suffix, and
     * file systems allow 255 bytes per name; a valid name's characters are ASCII.
     */
    static final int MAX_NAME_LENGTH = 200;

    static final Key NAME = required("name", Type.STRING, Range.ANY,
            "Run name; it names the run directory, so only letters, digits, `.`, `_` and `-`, not only dots, "
                    + "at most " + MAX_NAME_LENGTH + " characters.");
    static final Key SEED = optional("seed", Type.LONG, 42L, Range.ANY,
            "Seed for the split, shuffling, augmentation and weight initialisation.");

    static final Key DATA = section("data", "Where the images are and how they are split.");
    static final Key DATA_DIR = required("data.dir", Type.PATH, Range.ANY,
            "Image directory; a relative path resolves against the working directory.");
    static final Key DATA_LAYOUT = optional("data.layout", Type.CHOICE, DataLayout.AUTO, Range.ANY,
            "Where labels come from: `prefix` = file name before the first dot (`cat.1.jpg`), "
                    + "`folders` = parent folder, `auto` = folders if there are sub-directories.");
    static final Key DATA_CLASSES = optional("data.classes", Type.STRING_LIST, List.of(), Range.ANY,
            "Distinct class names in label order, at least 2; empty = discover them and sort.");
    static final Key DATA_SPLIT = optional("data.split", Type.FLOAT, 0.8, Range.between(0, 1),
            "Fraction of each class used for training; the rest validates.");
    static final Key DATA_LIMIT_PER_CLASS = optional("data.limit_per_class", Type.INTEGER, null, Range.atLeast(1),
            "Use at most this many images per class, for quick runs; absent = all.");
    static final Key DATA_ON_BAD_IMAGE = optional("data.on_bad_image", Type.CHOICE, BadImagePolicy.SKIP, Range.ANY,
            "Images that cannot be used (unreadable, truncated, not JPEG or PNG, over 100 megapixels): "
                    + "`skip` = train without them and list them in `skipped-images.csv`, "
                    + "`fail` = refuse to train and name them.");
    static final Key DATA_AUGMENT = section("data.augment",
            "Training-time augmentation; validation images are never augmented.");
    static final Key AUGMENT_HORIZONTAL_FLIP = optional("data.augment.horizontal_flip", Type.BOOLEAN, false,
            Range.ANY, "Mirror each training image left-right with probability 0.5.");
    static final Key AUGMENT_RANDOM_CROP = optional("data.augment.random_crop", Type.FLOAT, 0.0,
            Range.atLeastBelow(0, 0.5),
            "Crop up to this fraction of height and width from each side at random; 0 = off.");

    static final Key INPUT = section("input", "What the network sees.");
    static final Key INPUT_SHAPE = required("input.shape", Type.INTEGER_LIST, Range.ANY,
            "`[height, width, channels]` every image is resized to; height and width >= 32 "
                    + "(VGG16 halves them five times), channels 1 or 3.");

    static final Key MODEL = section("model", "The VGG16 variant.");
    static final Key MODEL_DENSE = optional("model.dense", Type.INTEGER_LIST, List.of(4096, 4096), Range.atLeast(1),
            "Widths of the hidden dense layers after the convolutions, at least one.");
    static final Key MODEL_DROPOUT = optional("model.dropout", Type.FLOAT, 0.0, Range.atLeastBelow(0, 1),
            "Probability of dropping a hidden dense unit's output in training.");
    static final Key MODEL_BATCH_NORM = optional("model.batch_norm", Type.BOOLEAN, false, Range.ANY,
            "Batch normalization after every convolution, between it and its ReLU (VGG16-BN).");
    static final Key MODEL_WEIGHT_INIT = optional("model.weight_init", Type.CHOICE, WeightInitScheme.XAVIER,
            Range.ANY, "`xavier` (Glorot uniform, Keras' default) or `relu` (He normal).");

    static final Key OPTIMIZER = section("optimizer", "The update rule and its parameters.");
    static final Key OPTIMIZER_TYPE = optional("optimizer.type", Type.CHOICE, OptimizerType.ADAM, Range.ANY,
            "The update rule; it decides which of the parameters below may be set.");
    static final Key OPTIMIZER_LEARNING_RATE = optional("optimizer.learning_rate", Type.FLOAT, 0.001,
            Range.above(0), "Step size.");
    static final Key OPTIMIZER_WEIGHT_DECAY = optional("optimizer.weight_decay", Type.FLOAT, 0.0, Range.atLeast(0),
            "Decoupled weight decay coefficient; 0 = off.");
    static final Key OPTIMIZER_BETA1 = optional("optimizer.beta1", Type.FLOAT, 0.9, Range.atLeastBelow(0, 1),
            "Decay of the first-moment (mean) estimate.");
    static final Key OPTIMIZER_BETA2 = optional("optimizer.beta2", Type.FLOAT, 0.999, Range.atLeastBelow(0, 1),
            "Decay of the second-moment (variance) estimate.");
    static final Key OPTIMIZER_EPSILON = optional("optimizer.epsilon", Type.FLOAT, 1e-7, Range.above(0),
            "Numerical-stability term, as in Keras.");
    static final Key OPTIMIZER_MOMENTUM = optional("optimizer.momentum", Type.FLOAT, 0.9, Range.atLeastBelow(0, 1),
            "Nesterov momentum.");
    static final Key OPTIMIZER_RHO = optional("optimizer.rho", Type.FLOAT, 0.9, Range.atLeastBelow(0, 1),
            "Decay of the squared-gradient average.");

    static final Key TRAINING = section("training", "How long and in what batches to train.");
    static final Key TRAINING_EPOCHS = required("training.epochs", Type.INTEGER, Range.atLeast(1),
            "Passes over the training split.");
    static final Key TRAINING_BATCH_SIZE = optional("training.batch_size", Type.INTEGER, 32, Range.atLeast(1),
            "Images per step.");
    static final Key TRAINING_WORKERS = optional("training.workers", Type.INTEGER, 1, Range.atLeast(1),
            "Devices of this host that train the model side by side with DL4J's `ParallelWrapper`, one model copy "
                    + "each (for several GPUs); 1 = plain training. See [Several devices](#several-devices).");
    static final Key TRAINING_PARALLEL_MODE = optional("training.parallel_mode", Type.CHOICE, ParallelMode.AVERAGING,
            Range.ANY, "With several workers: `averaging` = average parameters and updater state every "
                    + "`averaging_frequency` batches per worker, `shared_gradients` = every worker applies every "
                    + "worker's threshold-encoded gradients.");
    static final Key TRAINING_AVERAGING_FREQUENCY = optional("training.averaging_frequency", Type.INTEGER, 1,
            Range.atLeast(1), "With several workers: batches each worker fits between averagings; the runner hands "
                    + "`workers` x this many batches to the wrapper at a time, and reports progress, checkpoints and "
                    + "stops between them.");
    static final Key TRAINING_CACHE_FORWARD_PASS = optional("training.cache_forward_pass", Type.BOOLEAN, true,
            Range.ANY, "Keep each layer's forward-pass output for the backward pass instead of computing it again "
                    + "(DL4J's `CacheMode.DEVICE`): about 25% faster training on a CPU. Without batch normalization "
                    + "it costs one more copy of the convolution outputs in memory (0.1-0.3 GiB at 64x64, batch 32), "
                    + "which `false` saves; with it, none (the convolutions' own outputs serve).");
    static final Key EARLY_STOPPING = section("training.early_stopping",
            "Stop when the validation metric stops improving; absent = train all epochs, `{}` = on with defaults.");
    static final Key EARLY_STOPPING_METRIC = optional("training.early_stopping.metric", Type.CHOICE,
            StoppingMetric.VAL_LOSS, Range.ANY, "The validation metric to follow.");
    static final Key EARLY_STOPPING_PATIENCE = optional("training.early_stopping.patience", Type.INTEGER, 5,
            Range.atLeast(1), "Epochs without improvement before stopping.");
    static final Key EARLY_STOPPING_MIN_DELTA = optional("training.early_stopping.min_delta", Type.FLOAT, 0.0,
            Range.atLeast(0), "Smallest change of the metric that counts as an improvement.");

    static final Key CHECKPOINTS = section("checkpoints",
            "When to write checkpoints beyond `last.zip` and `best.zip` at the end of every epoch.");
    static final Key CHECKPOINTS_EVERY_ITERATIONS = optional("checkpoints.every_iterations", Type.INTEGER, 0,
            Range.atLeast(0), "Also write `last.zip` every this many iterations (batches) within an epoch; 0 = off.");
    static final Key CHECKPOINTS_EVERY_MINUTES = optional("checkpoints.every_minutes", Type.FLOAT, 10.0,
            Range.atLeast(0), "Also write `last.zip` within an epoch when this many minutes passed since the last "
                    + "checkpoint, so a crash loses at most that much work; 0 = off.");
    static final Key CHECKPOINTS_EVERY_EPOCHS = optional("checkpoints.every_epochs", Type.INTEGER, 0, Range.atLeast(0),
            "Also keep `epoch-NNNN.zip` every this many epochs; 0 = off.");
    static final Key CHECKPOINTS_KEEP_LAST = optional("checkpoints.keep_last", Type.INTEGER, 3, Range.atLeast(1),
            "How many periodic checkpoints to keep.");

    static final Key SPARK = section("spark",
            "How `runner-spark.jar` trains under `spark-submit` ([Training on Spark](#training-on-spark)); a local "
                    + "run ignores it. Absent = the defaults below.");
    static final Key SPARK_MASTER = optional("spark.master", Type.STRING, null, Range.ANY,
            "Spark master URL, e.g. `local[2]`, `spark://host:7077`, `yarn`; absent = the one `spark-submit` was given.");
    static final Key SPARK_TRAINING_MASTER = optional("spark.training_master", Type.CHOICE,
            SparkTrainingMaster.PARAMETER_AVERAGING, Range.ANY,
            "`parameter_averaging` = workers fit from the same weights, the driver averages them; "
                    + "`shared_gradients` = quantized gradient sharing over UDP (experimental).");
    static final Key SPARK_BATCH_SIZE_PER_WORKER = optional("spark.batch_size_per_worker", Type.INTEGER, null,
            Range.atLeast(1), "Images per step on each worker; absent = `training.batch_size`.");
    static final Key SPARK_AVERAGING_FREQUENCY = optional("spark.averaging_frequency", Type.INTEGER, 5,
            Range.atLeast(1), "Steps each worker takes between two averagings (`parameter_averaging`).");
    static final Key SPARK_PREFETCH_BATCHES = optional("spark.prefetch_batches", Type.INTEGER, 2, Range.atLeast(0),
            "Batches each worker prepares ahead of training; 0 = none.");

    /** All keys in document order: a section comes before its keys. */
    static final List<Key> KEYS = List.of(
            NAME, SEED,
            DATA, DATA_DIR, DATA_LAYOUT, DATA_CLASSES, DATA_SPLIT, DATA_LIMIT_PER_CLASS, DATA_ON_BAD_IMAGE,
            DATA_AUGMENT, AUGMENT_HORIZONTAL_FLIP, AUGMENT_RANDOM_CROP,
            INPUT, INPUT_SHAPE,
            MODEL, MODEL_DENSE, MODEL_DROPOUT, MODEL_BATCH_NORM, MODEL_WEIGHT_INIT,
            OPTIMIZER, OPTIMIZER_TYPE, OPTIMIZER_LEARNING_RATE, OPTIMIZER_WEIGHT_DECAY,
            OPTIMIZER_BETA1, OPTIMIZER_BETA2, OPTIMIZER_EPSILON, OPTIMIZER_MOMENTUM, OPTIMIZER_RHO,
            TRAINING, TRAINING_EPOCHS, TRAINING_BATCH_SIZE,
            TRAINING_WORKERS, TRAINING_PARALLEL_MODE, TRAINING_AVERAGING_FREQUENCY, TRAINING_CACHE_FORWARD_PASS,
            EARLY_STOPPING, EARLY_STOPPING_METRIC, EARLY_STOPPING_PATIENCE, EARLY_STOPPING_MIN_DELTA,
            CHECKPOINTS, CHECKPOINTS_EVERY_ITERATIONS, CHECKPOINTS_EVERY_MINUTES, CHECKPOINTS_EVERY_EPOCHS,
            CHECKPOINTS_KEEP_LAST,
            SPARK, SPARK_MASTER, SPARK_TRAINING_MASTER, SPARK_BATCH_SIZE_PER_WORKER, SPARK_AVERAGING_FREQUENCY,
            SPARK_PREFETCH_BATCHES);

    /** Optimizer parameters that only some update rules use; the other optimizer keys apply to all. */
    static final Map<Key, Set<OptimizerType>> OPTIMIZER_PARAMETERS = Map.of(
            OPTIMIZER_BETA1, EnumSet.of(OptimizerType.ADAM),
            OPTIMIZER_BETA2, EnumSet.of(OptimizerType.ADAM),
            OPTIMIZER_EPSILON, EnumSet.of(OptimizerType.ADAM, OptimizerType.RMSPROP),
            OPTIMIZER_MOMENTUM, EnumSet.of(OptimizerType.NESTEROVS),
            OPTIMIZER_RHO, EnumSet.of(OptimizerType.RMSPROP));

    private Schema() {
    }

    static Optional<Key> find(String path) {
        return KEYS.stream().filter(key -> key.path().equals(path)).findFirst();
    }

    /** The keys directly inside a section; {@code ""} is the document root. */
    static List<Key> children(String section) {
        return KEYS.stream().filter(key -> key.parent().equals(section)).toList();
    }

    /** Whether the optimizer {@code type} uses {@code key}. */
    static boolean appliesTo(Key key, OptimizerType type) {
        return OPTIMIZER_PARAMETERS.getOrDefault(key, EnumSet.allOf(OptimizerType.class)).contains(type);
    }

    /** An enum constant as YAML spells it: {@code VAL_LOSS} is {@code val_loss}. */
    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The shortest text that reads back as exactly {@code value} and still looks like a float in YAML:
     * {@code 0.001}, {@code 1e-7}, {@code 0.0}.
     */
    static String formatFloat(double value) {
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        String mantissa = text.substring(0, exponent);
        return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa)
                + "e" + text.substring(exponent + 1);
    }

    private static Key required(String path, Type type, Range range, String doc) {
        return new Key(path, type, true, null, range, doc);
    }

    private static Key optional(String path, Type type, Object defaultValue, Range range, String doc) {
        return new Key(path, type, false, defaultValue, range, doc);
    }

    private static Key section(String path, String doc) {
        return new Key(path, Type.MAP, false, null, Range.ANY, doc);
    }
}
