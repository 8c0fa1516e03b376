package dev.dl4jrunner.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitFilesTest {
    @Test
    void whatIsWrittenReadsBackFieldForField(@TempDir Path dir) throws IOException {
        List<List<String>> rows = List.of(
                List.of("/data/cat.1.jpg", "cat"),
                List.of("/data/a,b.jpg", "dog"),
                List.of("/data/say \"cheese\".jpg", "cat"),
                List.of("/data/two\nlines\r.jpg", "dog"),
                List.of("", "cat"));
        Path file = dir.resolve("split.csv");

        SplitFiles.write(file, "path,label", rows);

        assertThat(SplitFiles.read(file)).isEqualTo(rows);
    }

    @Test
    void windowsLineEndsAndAMissingLastLineEndRead(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("split.csv"), "path,label\r\na.jpg,cat\r\nb.jpg,dog");

        assertThat(SplitFiles.read(file)).containsExactly(List.of("a.jpg", "cat"), List.of("b.jpg", "dog"));
    }

    @Test
    void anUnclosedQuoteIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("split.csv"), "path,label\n\"a.jpg,cat\n");

        assertThatThrownBy(() -> SplitFiles.read(file)).hasMessageContaining("ends inside a quoted field");
    }
}
