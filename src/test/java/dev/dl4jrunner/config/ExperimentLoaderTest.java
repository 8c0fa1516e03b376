package dev.dl4jrunner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.dl4jrunner.config.ExperimentFiles.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentLoaderTest {
    @TempDir
    Path dir;
    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir);
    }

    @Test
    void minimalFileGetsEveryDefault() throws Exception {
        assertThat(files.load(MINIMAL)).isEqualTo(new ExperimentConfig(
                "test",
                42,
                new DataConfig(dir.resolve("images"), DataLayout.AUTO, List.of(), 0.8, OptionalInt.empty(),
                        BadImagePolicy.SKIP, AugmentConfig.NONE),
                new InputConfig(64, 64, 3),
                new ModelConfig(List.of(4096, 4096), 0.0, false, WeightInitScheme.XAVIER),
                new OptimizerConfig(OptimizerType.ADAM, 0.001, 0.9, 0.999, 1e-7, 0.9, 0.9, 0.0),
                new TrainingConfig(3, 32, Optional.empty(), Parallelism.SINGLE, true),
                new CheckpointConfig(0, 10.0, 0, 3), Optional.empty()));
    }

    @Test
    void everyKeyReachesItsComponent() throws Exception {
        ExperimentConfig config = files.load("""
                name: full.run_1
                seed: -7
                data:
                  dir: /srv/images/../pets
                  layout: folders
                  classes: [cat, dog, "007"]
                  split: 0.75
                  limit_per_class: 500
                  on_bad_image: fail
                  augment:
                    horizontal_flip: true
                    random_crop: 0.1
                input:
                  shape: [48, 40, 1]
                model:
                  dense: [256]
                  dropout: 0.5
                  batch_norm: true
                  weight_init: relu
                optimizer:
                  type: rmsprop
                  learning_rate: 5e-3
                  weight_decay: 1E-5
                  rho: 0.95
                  epsilon: 1e-8
                training:
                  epochs: 20
                  batch_size: 64
                  workers: 4
                  parallel_mode: shared_gradients
                  averaging_frequency: 3
                  cache_forward_pass: false
                  early_stopping:
                    metric: val_accuracy
                    patience: 4
                    min_delta: 0.01
                checkpoints:
                  every_iterations: 50
                  every_minutes: 30
                  every_epochs: 5
                  keep_last: 2
                """);

        assertThat(config).isEqualTo(new ExperimentConfig(
                "full.run_1",
                -7,
                new DataConfig(Path.of("/srv/pets"), DataLayout.FOLDERS, List.of("cat", "dog", "007"), 0.75,
                        OptionalInt.of(500), BadImagePolicy.FAIL, new AugmentConfig(true, 0.1)),
                new InputConfig(48, 40, 1),
                new ModelConfig(List.of(256), 0.5, true, WeightInitScheme.RELU),
                new OptimizerConfig(OptimizerType.RMSPROP, 5e-3, 0.9, 0.999, 1e-8, 0.9, 0.95, 1e-5),
                new TrainingConfig(20, 64,
                        Optional.of(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 4, 0.01)),
                        new Parallelism(4, ParallelMode.SHARED_GRADIENTS, 3), false),
                new CheckpointConfig(50, 30.0, 5, 2), Optional.empty()));
    }

    @Test
    void scientificNotationIsANumberWithOrWithoutADot() throws Exception {
        assertThat(files.load(MINIMAL + "optimizer:\n  learning_rate: 1e-4\n").optimizer().learningRate())
                .isEqualTo(1e-4);
        assertThat(files.load(MINIMAL + "optimizer:\n  learning_rate: 1.5E-5\n").optimizer().learningRate())
                .isEqualTo(1.5e-5);
        assertThat(files.load(MINIMAL, "optimizer.learning_rate=5e-3").optimizer().learningRate()).isEqualTo(5e-3);
    }

    @Test
    void relativeDataDirResolvesAgainstTheWorkingDirectoryNotTheFile() throws Exception {
        Path file = Files.createDirectories(dir.resolve("experiments")).resolve("x.yaml");
        Files.writeString(file, MINIMAL.replace("dir: images", "dir: data/../data/train"));
        Path workingDir = dir.resolve("project");

        ExperimentConfig config = ExperimentLoader.load(file, List.of(), workingDir);

        assertThat(config.data().dir()).isEqualTo(dir.resolve("project/data/train"));
    }

    @Test
    void nullCountsAsAbsent() throws Exception {
        ExperimentConfig config = files.load(MINIMAL + """
                seed: ~
                model:
                optimizer:
                  type: null
                """);

        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.model().dense()).containsExactly(4096, 4096);
        assertThat(config.optimizer().type()).isEqualTo(OptimizerType.ADAM);
    }

    @Test
    void emptyEarlyStoppingMapTurnsItOnWithDefaults() throws Exception {
        assertThat(files.load(MINIMAL.replace("  epochs: 3\n", "  epochs: 3\n  early_stopping: {}\n"))
                .training().earlyStopping())
                .contains(new EarlyStoppingConfig(StoppingMetric.VAL_LOSS, 5, 0.0));
    }

    @Test
    void optimizerParametersOfTheChosenTypeAreAccepted() throws Exception {
        assertThat(files.load(MINIMAL, "optimizer.type=nesterovs", "optimizer.momentum=0.95").optimizer())
                .isEqualTo(new OptimizerConfig(OptimizerType.NESTEROVS, 0.001, 0.9, 0.999, 1e-7, 0.95, 0.9, 0.0));
        assertThat(files.load(MINIMAL, "optimizer.type=sgd").optimizer().type()).isEqualTo(OptimizerType.SGD);
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            name=my run                          | name may contain only letters, digits, '.', '_' and '-', found 'my run'
            name=..                              | name must not be only dots, found '..'
            name=                                | name is required
            name=''                              | name must not be empty
            seed=abc                             | seed must be an integer, found 'abc'
            seed=99999999999999999999            | seed must be <= 9223372036854775807, found 99999999999999999999
            data.dir=[a, b]                      | data.dir must be a string, found a list
            data.layout=foldrs                   | data.layout must be one of auto, prefix, folders, found 'foldrs'
            data.classes=cat                     | data.classes must be a list, found 'cat'
            data.classes=[cat]                   | data.classes must name at least 2 classes, found 1
            data.classes=[cat, dog, cat]         | data.classes names 'cat' twice
            data.classes=[cat, '']               | data.classes[1] must not be empty
            data.classes=[cat, [dog]]            | data.classes[1] must be a string, found a list
            data.split=1                         | data.split must be > 0 and < 1, found 1
            data.split=0                         | data.split must be > 0 and < 1, found 0
            data.split=abc                       | data.split must be a number, found 'abc'
            data.split=.nan                      | data.split must be a number, found '.nan'
            data.limit_per_class=0               | data.limit_per_class must be >= 1, found 0
            data.augment=true                    | data.augment must be a map, found 'true'
            data.augment.horizontal_flip=yes     | data.augment.horizontal_flip must be a boolean (true or false), found 'yes'
            data.augment.random_crop=0.5         | data.augment.random_crop must be >= 0 and < 0.5, found 0.5
            input.shape=64                       | input.shape must be a list, found '64'
            input.shape=[64, 64]                 | input.shape must be [height, width, channels], found 2 elements
            input.shape=[16, 64, 3]              | input.shape height must be >= 32, found 16
            input.shape=[64, 31, 3]              | input.shape width must be >= 32, found 31
            input.shape=[64, 64, 2]              | input.shape channels must be 1 or 3, found 2
            input.shape=[64, x, 3]               | input.shape[1] must be an integer, found 'x'
            model=[]                             | model must be a map, found a list
            model.dense=[]                       | model.dense must name at least one layer width
            model.dense=[100, 0]                 | model.dense[1] must be >= 1, found 0
            model.dense=[1e3]                    | model.dense[0] must be an integer, found '1e3'
            model.dropout=1                      | model.dropout must be >= 0 and < 1, found 1
            model.batch_norm=1                   | model.batch_norm must be a boolean (true or false), found '1'
            model.weight_init=he                 | model.weight_init must be one of xavier, relu, found 'he'
            optimizer.type=adamw                 | optimizer.type must be one of adam, sgd, nesterovs, rmsprop, found 'adamw'
            optimizer.learning_rate=0            | optimizer.learning_rate must be > 0, found 0
            optimizer.learning_rate=abc          | optimizer.learning_rate must be a number, found 'abc'
            optimizer.weight_decay=-1e-4         | optimizer.weight_decay must be >= 0, found -1e-4
            optimizer.beta1=1                    | optimizer.beta1 must be >= 0 and < 1, found 1
            optimizer.beta2=-0.1                 | optimizer.beta2 must be >= 0 and < 1, found -0.1
            optimizer.epsilon=0                  | optimizer.epsilon must be > 0, found 0
            optimizer.momentum=0.9               | optimizer.momentum is not a parameter of optimizer type 'adam'
            optimizer.rho=0.9                    | optimizer.rho is not a parameter of optimizer type 'adam'
            training.epochs=0                    | training.epochs must be >= 1, found 0
            training.epochs=3.5                  | training.epochs must be an integer, found '3.5'
            training.epochs=99999999999999999999 | training.epochs must be <= 2147483647, found 99999999999999999999
            training.epochs=-99999999999         | training.epochs must be >= 1, found -99999999999
            training.batch_size=abc              | training.batch_size must be an integer, found 'abc'
            training.workers=0                   | training.workers must be >= 1, found 0
            training.workers=two                 | training.workers must be an integer, found 'two'
            training.parallel_mode=sync          | training.parallel_mode must be one of averaging, shared_gradients, found 'sync'
            training.averaging_frequency=0       | training.averaging_frequency must be >= 1, found 0
            training.early_stopping=on           | training.early_stopping must be a map, found 'on'
            training.early_stopping.metric=acc   | training.early_stopping.metric must be one of val_loss, val_accuracy, found 'acc'
            training.early_stopping.patience=0   | training.early_stopping.patience must be >= 1, found 0
            training.early_stopping.min_delta=-1 | training.early_stopping.min_delta must be >= 0, found -1
            checkpoints.every_iterations=-5      | checkpoints.every_iterations must be >= 0, found -5
            checkpoints.every_minutes=-0.5       | checkpoints.every_minutes must be >= 0, found -0.5
            checkpoints.every_epochs=-1          | checkpoints.every_epochs must be >= 0, found -1
            checkpoints.keep_last=0              | checkpoints.keep_last must be >= 1, found 0
            """)
    void eachRuleReportsExactly(String override, String message) throws Exception {
        assertThat(files.errors(MINIMAL, override))
                .isEqualTo("x.yaml: 1 error\n  " + message + " (--set " + override + ")");
    }

    @Test
    void nameLongerThanARunDirectoryAllowsIsRefused() throws Exception {
        assertThat(files.load(MINIMAL.replace("name: test", "name: " + "n".repeat(200))).name()).hasSize(200);
        assertThat(files.errors(MINIMAL.replace("name: test", "name: " + "n".repeat(201)))).isEqualTo("""
                x.yaml: 1 error
                  name must be at most 200 characters, found 201 (x.yaml:1:7)""");
    }

    @Test
    void reportsEveryErrorOfTheFileAtOnceInReadingOrder() throws Exception {
        String yaml = """
                name: test
                data:
                  dir: images
                  layout: foldrs
                input:
                  shape: [64, 64, 3]
                optimizer:
                  learning_rte: 0.01
                training:
                  epochs: 0
                  batch_size: abc
                """;

        assertThat(files.errors(yaml)).isEqualTo("""
                x.yaml: 4 errors
                  data.layout must be one of auto, prefix, folders, found 'foldrs' (x.yaml:4:11)
                  Key 'learning_rte' not in 'optimizer'. Did you mean: 'learning_rate'? (x.yaml:8:3)
                  training.epochs must be >= 1, found 0 (x.yaml:10:11)
                  training.batch_size must be an integer, found 'abc' (x.yaml:11:15)""");
    }

    @Test
    void errorsCarryKeyPathMessageAndLocation() throws Exception {
        Path file = files.write(MINIMAL.replace("epochs: 3", "epochs: 0"));

        assertThatThrownBy(() -> ExperimentLoader.load(file, List.of(), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        new ConfigError("training.epochs", "training.epochs must be >= 1, found 0", file + ":7:11")));
    }

    @Test
    void missingRequiredKeysNameTheFile() throws Exception {
        assertThat(files.errors("name: test\ninput:\n  shape: [64, 64, 3]\n")).isEqualTo("""
                x.yaml: 2 errors
                  data.dir is required (x.yaml)
                  training.epochs is required (x.yaml)""");
    }

    @Test
    void requiredKeySetToNothingPointsAtIt() throws Exception {
        assertThat(files.errors(MINIMAL.replace("epochs: 3", "epochs:"))).isEqualTo("""
                x.yaml: 1 error
                  training.epochs is required (x.yaml:7:10)""");
    }

    @Test
    void unknownKeysGetTheClosestNamesOrNone() throws Exception {
        assertThat(files.errors(MINIMAL + "trainng:\n  epochs: 3\n")).isEqualTo("""
                x.yaml: 1 error
                  Key 'trainng' not in the experiment. Did you mean: 'training'? (x.yaml:8:1)""");
        assertThat(files.errors(MINIMAL.replace("  dir: images\n", "  dir: images\n  foo: 1\n"))).isEqualTo("""
                x.yaml: 1 error
                  Key 'foo' not in 'data'. (x.yaml:4:3)""");
    }

    @Test
    void duplicateKeyNamesBothLines() throws Exception {
        assertThat(files.errors(MINIMAL + "name: again\n")).isEqualTo("""
                x.yaml: 1 error
                  Duplicate key 'name', first at line 1 (x.yaml:8:1)""");
    }

    @Test
    void sectionThatIsNoMapIsATypeError() throws Exception {
        assertThat(files.errors(MINIMAL.replace("training:\n  epochs: 3\n", "training: 3\n"))).isEqualTo("""
                x.yaml: 2 errors
                  training must be a map, found '3' (x.yaml:6:11)
                  training.epochs is required (x.yaml)""");
    }

    @Test
    void nonScalarKeyIsReported() throws Exception {
        assertThat(files.errors(MINIMAL + "? [a, b]\n: 1\n")).isEqualTo("""
                x.yaml: 1 error
                  Keys must be names, found a list (x.yaml:8:3)""");
    }

    @Test
    void valuesWithLineBreaksOrControlCharactersAreShownEscapedOnOneLine() throws Exception {
        assertThat(files.errors(MINIMAL.replace("name: test", "name: \"a\\nb\\e[31mc\\u2028\"")
                + "\"trai\\tning\": 3\n")).isEqualTo("""
                x.yaml: 2 errors
                  name may contain only letters, digits, '.', '_' and '-', found 'a\\nb\\x1B[31mc\\u2028' (x.yaml:1:7)
                  Key 'trai\\tning' not in the experiment. Did you mean: 'training'? (x.yaml:8:1)""");
    }

    @Test
    void longValuesAreCutShort() throws Exception {
        String digits = "1234567890".repeat(20);

        assertThat(files.errors(MINIMAL.replace("epochs: 3", "epochs: " + digits))).isEqualTo("""
                x.yaml: 1 error
                  training.epochs must be <= 2147483647, found %s... (x.yaml:7:11)"""
                .formatted(digits.substring(0, 60)));
        assertThat(files.errors(MINIMAL.replace("name: test", "name: \"" + "\\x01".repeat(100) + "\""))).isEqualTo("""
                x.yaml: 1 error
                  name may contain only letters, digits, '.', '_' and '-', found '%s...' (x.yaml:1:7)"""
                .formatted("\\x01".repeat(15)));
        assertThat(files.errors("--- |\n" + MINIMAL.indent(2))).isEqualTo("""
                x.yaml: 1 error
                  Expected a map of experiment keys, found \
                'name: test\\ndata:\\n  dir: images\\ninput:\\n  shape: [64, 64, ...' (x.yaml:1:5)""");
    }

    @Test
    void emptyOrCommentOnlyFile() throws Exception {
        String expected = """
                x.yaml: 1 error
                  Expected a map of experiment keys, found an empty file (x.yaml)""";
        assertThat(files.errors("")).isEqualTo(expected);
        assertThat(files.errors("# nothing yet\n")).isEqualTo(expected);
    }

    @Test
    void emptyDocument() throws Exception {
        assertThat(files.errors("---\n")).isEqualTo("""
                x.yaml: 1 error
                  Expected a map of experiment keys, found an empty document (x.yaml:2:1)""");
        assertThat(files.errors("~\n")).isEqualTo("""
                x.yaml: 1 error
                  Expected a map of experiment keys, found an empty document (x.yaml:1:1)""");
    }

    @Test
    void topLevelListOrScalar() throws Exception {
        assertThat(files.errors("- name: test\n")).isEqualTo("""
                x.yaml: 1 error
                  Expected a map of experiment keys, found a list (x.yaml:1:1)""");
        assertThat(files.errors("hello\n")).isEqualTo("""
                x.yaml: 1 error
                  Expected a map of experiment keys, found 'hello' (x.yaml:1:1)""");
    }

    @Test
    void brokenIndentation() throws Exception {
        assertThat(files.errors("name: test\ndata:\n  dir: images\n layout: auto\n")).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: while parsing a block mapping, expected <block end>, \
                but found '<block mapping start>' (x.yaml:4:2)""");
    }

    @Test
    void mappingValueWhereNoneIsAllowed() throws Exception {
        assertThat(files.errors("name: a: b\n")).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: mapping values are not allowed here (x.yaml:1:8)""");
    }

    @Test
    void binaryGarbageThatIsNotUtf8() throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, (byte) 0xff});

        assertThat(files.errorsOf(file)).isEqualTo("""
                x.yaml: 1 error
                  The file is not UTF-8 text (x.yaml)""");
    }

    @Test
    void controlCharacterIsLocated() throws Exception {
        assertThat(files.errors("name: test\nseed: 4\u00002\n")).isEqualTo("""
                x.yaml: 1 error
                  Character U+0000 is not allowed in YAML; is this a text file? (x.yaml:2:8)""");
    }

    @Test
    void controlCharacterIsLocatedWhateverTheLineEndings() throws Exception {
        String expected = """
                x.yaml: 1 error
                  Character U+0007 is not allowed in YAML; is this a text file? (x.yaml:3:%d)""";
        assertThat(files.errors("name: test\rseed: 4\r#\u0007\r")).isEqualTo(expected.formatted(2));
        assertThat(files.errors("name: test\r\n\rseed: \u0007\r\n")).isEqualTo(expected.formatted(7));
        assertThat(files.errors("name: test\u0085# \u2028#\u0007")).isEqualTo(expected.formatted(2));
        assertThat(files.errors("name: test\n\n# \uD83D\uDE00 \u0007\n")).isEqualTo(expected.formatted(5));
    }

    @Test
    void missingFile() {
        assertThat(files.errorsOf(dir.resolve("none.yaml"))).isEqualTo("""
                none.yaml: 1 error
                  File not found (none.yaml)""");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThat(files.errorsOf(dir)).startsWith(dir + ": 1 error\n  Cannot read the file: ");
    }

    @Test
    void hugeFileIsRefusedBeforeParsing() throws Exception {
        assertThat(files.errors("# " + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\n")).isEqualTo("""
                x.yaml: 1 error
                  The file is larger than 1024 KiB (x.yaml)""");
    }

    @Test
    void aliasBombIsRejectedCleanly() throws Exception {
        String bomb = """
                a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
                f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
                """;

        assertThat(files.errors(bomb)).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=20 (x.yaml:4:16)""");
    }

    @Test
    void selfReferenceDoesNotLoop() throws Exception {
        assertThat(files.errors(MINIMAL.replace("data:\n", "data: &d\n  augment: *d\n"))).isEqualTo("""
                x.yaml: 2 errors
                  Key 'augment' not in 'data.augment'. (x.yaml:3:3)
                  Key 'dir' not in 'data.augment'. (x.yaml:4:3)""");
    }

    @Test
    void deepNestingIsRejectedCleanly() throws Exception {
        assertThat(files.errors("name: " + "[".repeat(30) + "]".repeat(30) + "\n")).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: Nesting Depth exceeded max 20 (x.yaml:1:27)""");
    }

    @Test
    void pythonObjectTagIsRejected() throws Exception {
        assertThat(files.errors("name: !!python/object:os.system rm\n")).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: Global tag is not allowed: tag:yaml.org,2002:python/object:os.system (x.yaml:1:7)""");
    }

    @Test
    void tagsOutsideTheCoreSchemaAreRejected() throws Exception {
        assertThat(files.errors("""
                name: !vgg test
                seed: !foo 42
                data: !!set
                  dir: !!binary aW1hZ2Vz
                  layout: !<tag:example.com,2024:layout> auto
                input:
                  shape: [64, !!timestamp 2024-06-01, 3]
                training:
                  !local epochs: 3
                """)).isEqualTo("""
                x.yaml: 7 errors
                  name has an unsupported tag '!vgg' (x.yaml:1:7)
                  seed has an unsupported tag '!foo' (x.yaml:2:7)
                  data has an unsupported tag '!!set' (x.yaml:3:7)
                  data.dir has an unsupported tag '!!binary' (x.yaml:4:8)
                  data.layout has an unsupported tag 'tag:example.com,2024:layout' (x.yaml:5:11)
                  input.shape[1] has an unsupported tag '!!timestamp' (x.yaml:7:15)
                  Key 'training.epochs' has an unsupported tag '!local' (x.yaml:9:3)""");
    }

    @Test
    void coreTagsAreHonoured() throws Exception {
        ExperimentConfig config = files.load(MINIMAL.replace("name: test", "name: !!str 007") + "seed: !!int '7'\n");

        assertThat(config.name()).isEqualTo("007");
        assertThat(config.seed()).isEqualTo(7);
    }

    @Test
    void twoDocumentsAreOneTooMany() throws Exception {
        assertThat(files.errors(MINIMAL + "---\nname: other\n")).isEqualTo("""
                x.yaml: 1 error
                  Invalid YAML: expected a single document in the stream, but found another document (x.yaml:8:1)""");
    }

    @Test
    void fileNameStaysAsTheUserGaveIt() {
        assertThatThrownBy(() -> ExperimentLoader.load(Path.of("experiments/smoke.yaml"), List.of("seed=x")))
                .hasMessage("experiments/smoke.yaml: 1 error\n  seed must be an integer, found 'x' (--set seed=x)");
    }
}
