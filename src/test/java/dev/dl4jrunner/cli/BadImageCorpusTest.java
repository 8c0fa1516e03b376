package dev.dl4jrunner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TestImages;
import dev.dl4jrunner.TinyExperiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A data directory with every kind of bad file real data sets contain, beside 10 real images per class: what
 * {@code runner check-data} reports, and that training completes on it, skipping exactly the bad files.
 */
class BadImageCorpusTest {
    @TempDir
    static Path temp;
    static Path images;
    static Path experiment;
    /** The files that cannot be used, by name, with the reason users see. */
    static final Map<String, String> BAD = new LinkedHashMap<>();

    @BeforeAll
    static void writeCorpus() throws IOException {
        images = Files.createDirectories(temp.resolve("images"));
        for (int i = 0; i < 10; i++) {
            for (String label : List.of("cat", "dog")) {
                copy(label + "." + i + ".jpg", label + "." + i + ".jpg");
            }
        }
        BufferedImage photo = TestImages.read(SharedData.trainDir().resolve("cat.10.jpg"));
        byte[] jpeg = Files.readAllBytes(SharedData.trainDir().resolve("cat.11.jpg"));
        byte[] png = Files.readAllBytes(TestImages.write(photo, "png", temp.resolve("photo.png")));

        // Used as they are: each decodes to the picture it shows (see ImageVariantsTest).
        TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_INT_ARGB, 200, 200), "png",
                images.resolve("cat.alpha.png"));
        TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_BYTE_GRAY, 200, 200), "jpg",
                images.resolve("cat.gray.jpg"));
        TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_BYTE_GRAY, 200, 200), "png",
                images.resolve("dog.gray.png"));
        TestImages.cmykJpeg(photo, images.resolve("cat.cmyk.jpg"));
        TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_USHORT_GRAY, 200, 200), "png",
                images.resolve("dog.gray16.png"));
        TestImages.write(TestImages.sixteenBitRgb(photo), "png", images.resolve("cat.rgb16.png"));
        TestImages.write(TestImages.redraw(photo, BufferedImage.TYPE_3BYTE_BGR, 6000, 6000), "jpg",
                images.resolve("dog.large.jpg"));
        Files.write(images.resolve("dog.really-a-png.jpg"), png);
        copy("cat.0.jpg", "cat.copy.jpg");
        copy("cat.1.jpg", "dog.copy.jpg");

        // Not used: no image extension.
        copy("cat.12.jpg", "cat.5.gif");
        Files.writeString(images.resolve("notes.txt"), "where the pictures came from\n");

        // Bad.
        Files.createFile(images.resolve("cat.empty.jpg"));
        BAD.put("cat.empty.jpg", "empty file");
        Files.write(images.resolve("cat.truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        BAD.put("cat.truncated.jpg", "truncated JPEG: the file ends before the image does");
        Files.writeString(images.resolve("dog.text.jpg"), "<html>Not found</html>\n");
        BAD.put("dog.text.jpg", "not a JPEG or PNG image: the content is text");
        Files.write(images.resolve("dog.truncated.png"), Arrays.copyOf(png, png.length / 2));
        BAD.put("dog.truncated.png", "truncated PNG: the file ends before the image does");
        TestImages.pngBomb(images.resolve("cat.bomb.png"), 20000);
        BAD.put("cat.bomb.png", "too large: 20000x20000 pixels (400 megapixels), the limit is 100 megapixels");
        Files.createSymbolicLink(images.resolve("cat.x.jpg"), temp.resolve("moved-away.jpg"));
        BAD.put("cat.x.jpg", "dangling symbolic link to " + temp.resolve("moved-away.jpg"));

        experiment = TinyExperiment.write(temp, images);
    }

    private static void copy(String source, String target) throws IOException {
        Files.copy(SharedData.trainDir().resolve(source), images.resolve(target));
    }

    @Test
    void checkDataNamesEveryBadFileWithItsReasonAndWritesNothing() throws IOException {
        Map<Path, Long> before = snapshot(temp);

        CliRun run = CliRun.of("check-data", experiment.toString(), "--set", "data.split=0.5");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).startsWith("Checking the images of " + images + "\n")
                .contains("Bad images: 6, skipped by training (data.on_bad_image: skip)\n");
        BAD.forEach((name, reason) -> assertThat(run.out()).contains("\n  " + name + ": " + reason + "\n"));
        assertThat(run.out()).containsPattern("\nVerdict: training can run on \\d+ training and \\d+ validation "
                + "images, without the 6 bad images.\n$");
        assertThat(snapshot(temp)).isEqualTo(before);
    }

    @Test
    void checkDataCountsClassesAndDescribesSizesColoursDuplicatesAndUnusedFiles() {
        CliRun run = CliRun.of("check-data", experiment.toString(), "--set", "data.split=0.5");

        assertThat(run.out())
                .containsPattern("\ncat +19 +19 +4 +\\d+ +\\d+\n")
                .containsPattern("\ndog +17 +17 +2 +\\d+ +\\d+\n")
                .containsPattern("\nTotal +36 +36 +6 +\\d+ +\\d+\n")
                .contains("Sizes: 200x200 (29), 6000x6000 (1); smallest 200x200 (cat.0.jpg), largest 6000x6000 "
                        + "(dog.large.jpg)\n")
                .contains("RGB 24", "grayscale 2", "RGB with alpha 1", "CMYK 1", "16-bit grayscale 1", "16-bit RGB 1")
                .contains("Formats: JPEG 25, PNG 5\n  dog.really-a-png.jpg holds a PNG image despite its extension; "
                        + "it is used\n")
                .contains("Identical files (same bytes): 2 groups\n  cat.0.jpg = cat.copy.jpg\n"
                        + "  cat.1.jpg = dog.copy.jpg  WARNING: labelled both cat and dog, contradictory labels\n")
                .contains("Files not used: 2\n  cat.5.gif: not a .jpg, .jpeg or .png file\n"
                        + "  notes.txt: not a .jpg, .jpeg or .png file\n");
    }

    @Test
    void trainingSkipsExactlyTheBadFilesListsThemAndCompletes() throws IOException {
        Path runs = temp.resolve("runs-skip");

        CliRun run = CliRun.of(experiment.toString(), "--runs-dir", runs.toString(), "--set", "data.split=0.5");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Completed 1 epoch");
        Path dir = onlyRunIn(runs);
        Map<String, String> skipped = Files.readAllLines(dir.resolve("skipped-images.csv")).stream().skip(1)
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(',')),
                        line -> line.substring(line.indexOf(',') + 1).replaceAll("^\"|\"$", "")));
        Map<String, String> expected = BAD.entrySet().stream().collect(Collectors.toMap(
                bad -> images.resolve(bad.getKey()).toString(), Map.Entry::getValue));
        assertThat(skipped).isEqualTo(expected);
        String used = Files.readString(dir.resolve("split/train.csv")) + Files.readString(dir.resolve("split/val.csv"));
        assertThat(used.lines().count()).isEqualTo(2 + 30);
        assertThat(used).contains("dog.large.jpg", "cat.cmyk.jpg", "dog.gray16.png", "cat.rgb16.png",
                "cat.alpha.png", "dog.really-a-png.jpg");
        assertThat(new ObjectMapper().readTree(dir.resolve("provenance.json").toFile())
                .at("/dataset/skipped_images").asInt()).isEqualTo(6);
        assertThat(Files.readString(dir.resolve("train.log")))
                .contains("Skipping 6 bad image(s)")
                .contains("2 group(s) of identical image files, 1 of them labelled with different classes");
    }

    @Test
    void withPolicyFailTrainingRefusesNamingEveryBadFileAndWritesNothing() {
        Path runs = temp.resolve("runs-fail");

        CliRun run = CliRun.of(experiment.toString(), "--runs-dir", runs.toString(), "--set", "data.split=0.5",
                "--set", "data.on_bad_image=fail");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("6 images cannot be used and data.on_bad_image is fail:\n")
                .doesNotContain("Exception");
        BAD.forEach((name, reason) -> assertThat(run.err()).contains("\n  " + images.resolve(name) + ": " + reason));
        assertThat(runs).doesNotExist();
    }

    @Test
    void withPolicyFailCheckDataSaysTrainingWouldRefuseAndExitsWith2() {
        CliRun run = CliRun.of("check-data", experiment.toString(), "--set", "data.on_bad_image=fail");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out()).contains("Bad images: 6, training refuses to start (data.on_bad_image: fail)\n")
                .endsWith("Verdict: training would refuse to start: 6 images cannot be used and "
                        + "data.on_bad_image is fail.\n");
    }

    @Test
    void checkDataReportsAMissingDataDirectoryAsTrainingDoes() throws IOException {
        Path missing = temp.resolve("no-such-dir");

        CliRun run = CliRun.of("check-data", experiment.toString(), "--set", "data.dir=" + missing);

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("data.dir does not exist: " + missing
                + " (see the README for getting the data, or pass --set data.dir=DIR)\n");
    }

    /** Root reads files whatever their permissions, so this case only exists for other users. */
    @Test
    void aFileThatCannotBeOpenedIsNamed(@TempDir Path dir) throws IOException {
        SharedData.copyTrainImages(dir, 3);
        Path locked = Files.copy(SharedData.trainDir().resolve("cat.3.jpg"), dir.resolve("cat.locked.jpg"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as a user that permissions apply to").isFalse();

        CliRun run = CliRun.of("check-data", TinyExperiment.write(dir, dir).toString(), "--set", "data.split=0.5");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("\n  cat.locked.jpg: permission denied\n");
    }

    private static Path onlyRunIn(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** Every path below {@code dir} with its modification time. */
    private static Map<Path, Long> snapshot(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.collect(Collectors.toMap(path -> path, path -> path.toFile().lastModified()));
        }
    }
}
