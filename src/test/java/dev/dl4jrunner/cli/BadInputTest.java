package dev.dl4jrunner.cli;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees for a broken experiment and a missing data directory; bad images: {@link BadImageCorpusTest}. */
class BadInputTest {
    @TempDir
    Path temp;

    Path write(String name, String yaml) throws IOException {
        return Files.writeString(temp.resolve(name), yaml);
    }

    @Test
    void aBrokenExperimentExitsWithCode2AndEveryErrorAndWritesNothing() throws IOException {
        Path yaml = write("broken.yaml", """
                name: broken
                data:
                  dir: data/x
                  splt: 0.8
                input:
                  shape: [64, 64, 3]
                training:
                  epochs: 0
                """);
        Path runs = temp.resolve("runs");

        CliRun run = CliRun.of(yaml.toString(), "--runs-dir", runs.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith(yaml + ": 2 errors\n")
                .contains("Key 'splt' not in 'data'. Did you mean: 'split'? (" + yaml + ":4:3)")
                .contains("training.epochs must be >= 1, found 0 (" + yaml + ":8:11)")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(runs).doesNotExist();
    }

    @Test
    void aMissingDataDirectoryIsNamedAndNothingIsWritten() throws IOException {
        Path missing = temp.resolve("data/dogs-vs-cats/train");
        Path runs = temp.resolve("runs");

        CliRun run = CliRun.of(TinyExperiment.write(temp, missing).toString(), "--runs-dir", runs.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("data.dir does not exist: " + missing
                + " (see the README for getting the data, or pass --set data.dir=DIR)\n");
        assertThat(runs).doesNotExist();
    }

    @Test
    void aRunsDirectoryThatCannotHoldARunIsNamedWithAHint() throws IOException {
        Path images = Files.createDirectories(temp.resolve("images"));
        for (String name : List.of("cat.0.jpg", "cat.1.jpg", "dog.0.jpg", "dog.1.jpg")) {
            Files.copy(SharedData.trainDir().resolve(name), images.resolve(name));
        }
        Path notADirectory = Files.writeString(temp.resolve("runs"), "a file where the runs directory should be");

        CliRun run = CliRun.of(TinyExperiment.write(temp, images).toString(), "--runs-dir", notADirectory.toString(),
                "--set", "data.split=0.5");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("Cannot create a run directory in " + notADirectory
                + ": a file of that name is in the way (choose another with --runs-dir DIR)\n");
        assertThat(notADirectory).hasContent("a file where the runs directory should be");
    }

    @Test
    void stacktraceShowsTheCauseForASubcommandToo() throws IOException {
        Path yaml = write("broken.yaml", "name: broken\n");

        CliRun plain = CliRun.of("check-data", yaml.toString());
        CliRun traced = CliRun.of("check-data", yaml.toString(), "--stacktrace");

        assertThat(plain.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(plain.err()).startsWith(yaml + ": 3 errors\n").doesNotContain("\tat ");
        assertThat(traced.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(traced.err()).startsWith(plain.err()).contains("ConfigException").contains("\tat ");
    }
}
