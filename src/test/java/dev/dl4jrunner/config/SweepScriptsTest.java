package dev.dl4jrunner.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped sweep scripts parse, set only keys an experiment has, and the Slurm array covers the sweep. */
class SweepScriptsTest {
    private static final Pattern SET = Pattern.compile("--set \"([a-z_.]+)=");

    @ParameterizedTest
    @ValueSource(strings = {"experiments/sweep-local.sh", "experiments/sweep-slurm.sh"})
    void scriptParsesIsExecutableAndSetsOnlyExperimentKeys(String script) throws Exception {
        Path file = Path.of(script);
        assertThat(Files.isExecutable(file)).as("executable").isTrue();
        Process bash = new ProcessBuilder("bash", "-n", script).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes())).isEmpty();
        assertThat(bash.exitValue()).isZero();

        Matcher sets = SET.matcher(Files.readString(file));
        List<String> keys = sets.results().map(match -> match.group(1)).toList();
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(Schema.find(key)).as(key).isPresent());
    }

    @Test
    void theSlurmArrayHasOneTaskPerCombination() throws IOException {
        String script = Files.readString(Path.of("experiments/sweep-slurm.sh"));
        int learningRates = count(script, "learning_rates=\\(([^)]*)\\)");
        int denseWidths = count(script, "dense_widths=\\(([^)]*)\\)");
        Matcher array = Pattern.compile("#SBATCH --array=0-(\\d+)").matcher(script);
        assertThat(array.find()).isTrue();
        assertThat(Integer.parseInt(array.group(1)) + 1).isEqualTo(learningRates * denseWidths);
    }

    private static int count(String script, String listPattern) {
        Matcher list = Pattern.compile(listPattern).matcher(script);
        assertThat(list.find()).as(listPattern).isTrue();
        return list.group(1).trim().split("\\s+").length;
    }
}
