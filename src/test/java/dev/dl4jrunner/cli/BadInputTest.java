package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees for a broken experiment, a missing data directory and unreadable images. */
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
    void unreadableImagesAreSkippedNamedAndListedWhileTrainingCompletes() throws IOException {
        Path images = Files.createDirectories(temp.resolve("images"));
        for (int i = 0; i < 6; i++) {
            for (String label : List.of("cat", "dog")) {
                String name = label + "." + i + ".jpg";
                Files.copy(SharedData.trainDir().resolve(name), images.resolve(name));
            }
        }
        Path empty = Files.createFile(images.resolve("cat.100.jpg"));
        Path text = Files.writeString(images.resolve("dog.101.jpg"), "this is not a JPEG");
        Path runs = temp.resolve("runs");

        CliRun run = CliRun.of(TinyExperiment.write(temp, images).toString(), "--runs-dir", runs.toString(),
                "--set", "data.split=0.5");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        Path dir;
        try (Stream<Path> dirs = Files.list(runs)) {
            dir = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readAllLines(dir.resolve("skipped-images.csv"))).containsExactly("path,reason",
                empty + ",empty file", text + ",Could not decode image from input stream");
        assertThat(Files.readString(dir.resolve("train.log"))).contains("Skipping 2 unreadable image(s)")
                .contains(text.toString());
        assertThat(new ObjectMapper().readTree(dir.resolve("provenance.json").toFile())
                .at("/dataset/skipped_images").asInt()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("split/train.csv"))).doesNotContain("cat.100.jpg");
    }
}
