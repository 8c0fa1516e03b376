package dev.dl4jrunner.train;

import dev.dl4jrunner.launch.JarBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HeapNeedsTest {
    @TempDir
    Path temp;

    @Test
    void aMeasuredNeedIsReadBackForTheSameModelOnly() throws IOException {
        HeapNeeds needs = new HeapNeeds(temp.resolve("cache"), build("a jar"));

        needs.write("model 64x64", 1_500_000_000L);

        assertThat(needs.read("model 64x64")).hasValue(1_500_000_000L);
        assertThat(needs.read("model 128x128")).isEmpty();
        assertThat(new HeapNeeds(temp.resolve("cache"), build("a jar")).read("model 64x64"))
                .as("a later process of the same build").hasValue(1_500_000_000L);
    }

    @Test
    void aRebuiltJarMeasuresAgainAndRemovesWhatItsEarlierBuildKnew() throws IOException {
        Path cache = temp.resolve("cache");
        new HeapNeeds(cache, build("a jar")).write("model", 100);

        HeapNeeds rebuilt = new HeapNeeds(cache, build("a rebuilt jar"));
        assertThat(rebuilt.read("model")).isEmpty();
        rebuilt.write("model", 200);

        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).singleElement();
        }
        assertThat(rebuilt.read("model")).hasValue(200);
    }

    @Test
    void aDamagedFileIsNotANeed() throws IOException {
        Path cache = temp.resolve("cache");
        HeapNeeds needs = new HeapNeeds(cache, build("a jar"));
        needs.write("model", 100);
        try (Stream<Path> files = Files.list(cache)) {
            Files.writeString(files.findFirst().orElseThrow(), "not a number\nmodel\n");
        }

        assertThat(needs.read("model")).isEmpty();
    }

    private JarBuild build(String content) throws IOException {
        Path jar = Files.writeString(temp.resolve("runner.jar"), content);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(content.hashCode() * 1000L));
        return JarBuild.of(jar.toString()).orElseThrow();
    }
}
