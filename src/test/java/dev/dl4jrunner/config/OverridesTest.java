package dev.dl4jrunner.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.dl4jrunner.config.ExperimentFiles.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

class OverridesTest {
    @TempDir
    Path dir;
    ExperimentFiles files;

    @BeforeEach
    void setUp() {
        files = new ExperimentFiles(dir);
    }

    @Test
    void valuesAreReadAsYaml() throws Exception {
        ExperimentConfig config = files.load(MINIMAL,
                "optimizer.learning_rate=1e-4",
                "input.shape=[32, 48, 1]",
                "model.batch_norm=true",
                "name=cats",
                "data.classes=[cat, dog]");

        assertThat(config.optimizer().learningRate()).isEqualTo(1e-4);
        assertThat(config.input()).isEqualTo(new InputConfig(32, 48, 1));
        assertThat(config.model().batchNorm()).isTrue();
        assertThat(config.name()).isEqualTo("cats");
        assertThat(config.data().classes()).containsExactly("cat", "dog");
    }

    @Test
    void replaceTheFileValueAndLaterOverridesWin() throws Exception {
        assertThat(files.load(MINIMAL, "training.epochs=7", "training.epochs=9").training().epochs()).isEqualTo(9);
    }

    @Test
    void createMissingSections() throws Exception {
        ExperimentConfig config = files.load(MINIMAL,
                "training.early_stopping.patience=2", "data.augment.horizontal_flip=true");

        assertThat(config.training().earlyStopping())
                .contains(new EarlyStoppingConfig(StoppingMetric.VAL_LOSS, 2, 0.0));
        assertThat(config.data().augment()).isEqualTo(new AugmentConfig(true, 0.0));
    }

    @Test
    void canSetAWholeSection() throws Exception {
        assertThat(files.load(MINIMAL, "training.early_stopping={metric: val_accuracy}").training().earlyStopping())
                .contains(new EarlyStoppingConfig(StoppingMetric.VAL_ACCURACY, 5, 0.0));
    }

    @Test
    void emptyValueResetsToTheDefault() throws Exception {
        String yaml = MINIMAL.replace("  dir: images\n", "  dir: images\n  limit_per_class: 5\n") + "seed: 7\n";

        ExperimentConfig config = files.load(yaml, "seed=", "data.limit_per_class=");

        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.data().limitPerClass()).isEqualTo(OptionalInt.empty());
    }

    @Test
    void emptyValueTurnsASectionOff() throws Exception {
        String yaml = MINIMAL.replace("  epochs: 3\n", "  epochs: 3\n  early_stopping:\n    patience: 3\n");

        assertThat(files.load(yaml, "training.early_stopping=").training().earlyStopping()).isEqualTo(Optional.empty());
    }

    @Test
    void valueMayContainEquals() throws Exception {
        assertThat(files.load(MINIMAL, "data.dir=a=b").data().dir()).isEqualTo(dir.resolve("a=b"));
    }

    @Test
    void unknownKeyGetsDidYouMeanAndTheOverrideAsLocation() throws Exception {
        assertThat(files.errors(MINIMAL, "optimizer.learning_rte=1e-4")).isEqualTo("""
                x.yaml: 1 error
                  Key 'learning_rte' not in 'optimizer'. Did you mean: 'learning_rate'? \
                (--set optimizer.learning_rte=1e-4)""");
        assertThat(files.errors(MINIMAL, "trainig.epochs=3")).isEqualTo("""
                x.yaml: 1 error
                  Key 'trainig' not in the experiment. Did you mean: 'training'? (--set trainig.epochs=3)""");
    }

    @Test
    void invalidValueNamesTheOverride() throws Exception {
        assertThat(files.errors(MINIMAL, "optimizer.learning_rate=abc")).isEqualTo("""
                x.yaml: 1 error
                  optimizer.learning_rate must be a number, found 'abc' (--set optimizer.learning_rate=abc)""");
    }

    @Test
    void elementOfAnOverriddenListNamesTheOverride() throws Exception {
        assertThat(files.errors(MINIMAL, "input.shape=[64, 64, 4]")).isEqualTo("""
                x.yaml: 1 error
                  input.shape channels must be 1 or 3, found 4 (--set input.shape=[64, 64, 4])""");
    }

    @Test
    void malformedOverrides() throws Exception {
        assertThat(files.errors(MINIMAL, "training.epochs", "=3", "training..epochs=3", ".seed=1")).isEqualTo("""
                x.yaml: 4 errors
                  Override must look like key.path=value (--set training.epochs)
                  Override must look like key.path=value (--set =3)
                  Override must look like key.path=value (--set training..epochs=3)
                  Override must look like key.path=value (--set .seed=1)""");
    }

    @Test
    void valueThatIsNoYaml() throws Exception {
        assertThat(files.errors(MINIMAL, "input.shape=[64, 64", "data.split=1\n---\n2", "name=\u001b[1m")).isEqualTo("""
                x.yaml: 3 errors
                  Override value is not valid YAML: while parsing a flow sequence, expected ',' or ']', \
                but got <stream end> (--set input.shape=[64, 64)
                  Override value is not valid YAML: expected a single document in the stream, \
                but found another document (--set data.split=1\\n---\\n2)
                  Override value is not valid YAML: character U+001B is not allowed (--set name=\\x1B[1m)""");
    }

    @Test
    void overrideErrorsComeAfterTheFileErrors() throws Exception {
        assertThat(files.errors(MINIMAL.replace("epochs: 3", "epochs: 0"), "seed=x")).isEqualTo("""
                x.yaml: 2 errors
                  training.epochs must be >= 1, found 0 (x.yaml:7:11)
                  seed must be an integer, found 'x' (--set seed=x)""");
    }

    @Test
    void intoAValueIsAnErrorRatherThanIgnored() throws Exception {
        assertThat(files.errors(MINIMAL, "name.x=1", "input.shape.0=32", "training.epochs.max=3")).isEqualTo("""
                x.yaml: 3 errors
                  Cannot set name.x: name is a value, not a section (--set name.x=1)
                  Cannot set input.shape.0: input.shape is a value, not a section (--set input.shape.0=32)
                  Cannot set training.epochs.max: training.epochs is a value, not a section \
                (--set training.epochs.max=3)""");
    }

    @Test
    void intoASectionThatIsNoMapLeavesTheFileErrorToSpeak() throws Exception {
        assertThat(files.errors(MINIMAL + "model: big\n", "model.dropout=0.5")).isEqualTo("""
                x.yaml: 1 error
                  model must be a map, found 'big' (x.yaml:8:8)""");
    }
}
