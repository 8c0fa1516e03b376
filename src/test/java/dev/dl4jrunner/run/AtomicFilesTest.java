package dev.dl4jrunner.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("last.zip");
        AtomicFiles.writeString(target, "the good checkpoint");

        assertThatThrownBy(() -> AtomicFiles.write(target, temporary -> {
            Files.writeString(temporary, "half of the next one");
            throw new IOException("No space left on device");
        })).hasMessage("Cannot write " + target + ": No space left on device");

        assertThat(target).hasContent("the good checkpoint");
        assertThat(files()).containsExactly("last.zip");
    }

    @Test
    void aCopyIsAnIndependentFileThatOutlivesTheReplacementOfItsSource() throws IOException {
        Path last = dir.resolve("last.zip");
        Path best = dir.resolve("best.zip");
        AtomicFiles.writeString(last, "epoch 3");
        AtomicFiles.copy(last, best);

        AtomicFiles.writeString(last, "epoch 4");

        assertThat(best).hasContent("epoch 3");
        assertThat(last).hasContent("epoch 4");
        assertThat(files()).containsExactly("best.zip", "last.zip");
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedAndNothingElse() throws IOException {
        Files.writeString(dir.resolve(".last.zip.4711-3.tmp"), "killed while writing");
        Files.writeString(dir.resolve("last.zip"), "kept");
        Files.writeString(dir.resolve("notes.tmp"), "not ours");

        assertThat(AtomicFiles.removeLeftovers(dir)).isEqualTo(1);
        assertThat(files()).containsExactly("last.zip", "notes.tmp");
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
