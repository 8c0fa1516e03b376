package dev.dl4jrunner.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggingTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream stdout;
    private LoggerContext context;

    @BeforeEach
    void configureAsTheProcessDoes() throws Exception {
        stdout = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        // What SLF4J's logback provider does when the process first logs: a context, configured by the configurators
        // it finds as services.
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        new ContextInitializer(context).autoConfig();
    }

    @AfterEach
    void restore() {
        context.stop();
        System.setOut(stdout);
    }

    @Test
    void theRunnersLinesArePlainAndLibrariesOnlyWarn() {
        context.getLogger("dev.dl4jrunner.train.TrainingLoop").info("Epoch 1/15: loss 0.6657");
        context.getLogger("progress").info("batch 3/100");
        Logger library = context.getLogger("org.nd4j.linalg.factory.Nd4jBackend");
        library.info("Loaded [CpuBackend] backend");
        library.warn("Could not load a helper", new IllegalStateException("no oneDNN"));

        assertThat(printed()).isEqualTo(String.join(System.lineSeparator(),
                "Epoch 1/15: loss 0.6657", "batch 3/100", "Could not load a helper", ""));
    }

    @Test
    void knownHarmlessLibraryWarningsAreLeftOut() {
        context.getLogger("org.deeplearning4j.nn.conf.inputs.InputType").warn("a size of zero");
        context.getLogger("org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter").error("giving up");

        assertThat(printed()).isEmpty();
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
