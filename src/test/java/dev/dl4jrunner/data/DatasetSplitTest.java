package dev.dl4jrunner.data;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.config.AugmentConfig;
import dev.dl4jrunner.config.BadImagePolicy;
import dev.dl4jrunner.config.DataConfig;
import dev.dl4jrunner.config.DataLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetSplitTest {
    @TempDir
    Path temp;

    static DataConfig data(Path dir, DataLayout layout, List<String> classes) {
        return new DataConfig(dir, layout, classes, 0.8, OptionalInt.empty(), BadImagePolicy.SKIP, AugmentConfig.NONE);
    }

    @Test
    void kaggleFileNamesGiveTwoSortedClassesAndAStratifiedSplit() throws DatasetException {
        ImageDataset dataset = ImageDataset.discover(data(SharedData.trainDir(), DataLayout.AUTO, List.of()));
        assertThat(dataset.layout()).isEqualTo(DataLayout.PREFIX);
        assertThat(dataset.classes()).containsExactly("cat", "dog");
        assertThat(dataset.size()).isEqualTo(4000);

        DatasetSplit split = DatasetSplit.stratified(dataset, 0.8, OptionalInt.empty(), 42);
        assertThat(split.train()).hasSize(3200);
        assertThat(split.validation()).hasSize(800);
        assertThat(split.validation().stream().filter(i -> i.label() == 0)).hasSize(400);
        assertThat(split.train().stream().filter(i -> i.label() == 1)
                .allMatch(i -> i.path().getFileName().toString().startsWith("dog."))).isTrue();
        Set<Path> overlap = new HashSet<>(split.train().stream().map(LabeledImage::path).toList());
        overlap.retainAll(split.validation().stream().map(LabeledImage::path).toList());
        assertThat(overlap).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() throws DatasetException {
        ImageDataset dataset = ImageDataset.discover(data(SharedData.trainDir(), DataLayout.PREFIX, List.of()));
        DatasetSplit a = DatasetSplit.stratified(dataset, 0.8, OptionalInt.of(100), 42);
        DatasetSplit b = DatasetSplit.stratified(dataset, 0.8, OptionalInt.of(100), 42);
        DatasetSplit c = DatasetSplit.stratified(dataset, 0.8, OptionalInt.of(100), 43);
        assertThat(b).isEqualTo(a);
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(c.validation()).isNotEqualTo(a.validation());
        assertThat(c.fingerprint().fileListSha256()).isNotEqualTo(a.fingerprint().fileListSha256());
        assertThat(a.train()).hasSize(160);
    }

    @Test
    void folderLayoutUsesSubdirectoriesAsClassesInTheGivenOrder() throws Exception {
        for (String name : List.of("zebra", "aardvark")) {
            Path folder = Files.createDirectories(temp.resolve(name));
            for (int i = 0; i < 5; i++) {
                Files.copy(SharedData.trainDir().resolve("cat." + i + ".jpg"), folder.resolve(i + ".JPG"));
            }
        }
        ImageDataset dataset = ImageDataset.discover(data(temp, DataLayout.AUTO, List.of("zebra", "aardvark")));
        assertThat(dataset.layout()).isEqualTo(DataLayout.FOLDERS);
        assertThat(dataset.classes()).containsExactly("zebra", "aardvark");
        assertThat(dataset.imagesByClass().get("zebra")).hasSize(5);
    }

    @Test
    void unusableDataDirectoriesAreExplained() throws IOException {
        Path missing = temp.resolve("nowhere");
        assertThatThrownBy(() -> ImageDataset.discover(data(missing, DataLayout.AUTO, List.of())))
                .hasMessage("data.dir does not exist: " + missing
                        + " (see the README for getting the data, or pass --set data.dir=DIR)");

        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> ImageDataset.discover(data(empty, DataLayout.AUTO, List.of())))
                .hasMessage("data.dir has no images (jpg, jpeg, png) in the file-name-prefix layout: " + empty);

        Path oneClass = Files.createDirectories(temp.resolve("cats"));
        Files.copy(SharedData.trainDir().resolve("cat.1.jpg"), oneClass.resolve("cat.1.jpg"));
        assertThatThrownBy(() -> ImageDataset.discover(data(oneClass, DataLayout.AUTO, List.of())))
                .hasMessage("A classifier needs at least 2 classes, but " + oneClass
                        + " has only [cat] in the file-name-prefix layout");

        assertThatThrownBy(() -> ImageDataset.discover(data(SharedData.trainDir(), DataLayout.AUTO,
                List.of("cat", "horse"))))
                .hasMessage("data.classes lists horse but " + SharedData.trainDir()
                        + " has no images of that class; found: cat, dog");
    }

    @Test
    void aClassTooSmallForTheSplitIsRejected() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("small"));
        Files.copy(SharedData.trainDir().resolve("cat.1.jpg"), dir.resolve("cat.1.jpg"));
        for (int i = 0; i < 5; i++) {
            Files.copy(SharedData.trainDir().resolve("dog." + i + ".jpg"), dir.resolve("dog." + i + ".jpg"));
        }
        ImageDataset dataset = ImageDataset.discover(data(dir, DataLayout.AUTO, List.of()));
        assertThatThrownBy(() -> DatasetSplit.stratified(dataset, 0.8, OptionalInt.empty(), 1))
                .hasMessage("Class 'cat' has 1 image in " + dir
                        + ": too few to give both training and validation images at data.split 0.8");
    }
}
