package dev.dl4jrunner.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {
    private static final Path README = Path.of("README.md");

    @Test
    void documentsEveryKey() {
        String markdown = ConfigReference.markdown();

        Schema.KEYS.forEach(key -> assertThat(markdown).contains("| `" + key.path() + "` |"));
        assertThat(markdown).contains(
                "| `data.split` | float, > 0 and < 1 | `0.8` | Fraction of each class used for training;",
                "| `optimizer.epsilon` | float, > 0 | `1e-7` | Numerical-stability term, as in Keras. "
                        + "Only for type `adam` and `rmsprop`. |",
                "| `training.epochs` | integer, >= 1 | required |");
    }

    /** The README's reference is the generated one; on failure, paste target/CONFIG_REFERENCE.md into it. */
    @Test
    void readmeReferenceIsUpToDate() throws Exception {
        String generated = ConfigReference.markdown();
        Files.writeString(Path.of("target", "CONFIG_REFERENCE.md"), generated);

        assertThat(Files.readString(README)).contains(generated);
    }
}
