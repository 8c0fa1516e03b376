package dev.dl4jrunner.infer;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KaggleSubmissionTest {
    private static final List<String> CATS_DOGS = List.of("cat", "dog");

    @Test
    void rowsAreIdAndTheProbabilityOfDogSortedByIdAsNumbers() {
        List<Prediction> predictions = List.of(
                prediction("test1/10.jpg", 0.25f),
                prediction("test1/2.jpg", 0.9731f),
                prediction("test1/100.jpg", 1.2345e-7f),
                prediction("other/1.jpg", 1f),
                prediction("test1/9.JPG", 0f));

        assertThat(KaggleSubmission.render(predictions)).isEqualTo("""
                id,label
                1,1.0
                2,0.9731
                9,0.0
                10,0.25
                100,0.00000012345
                """);
    }

    @Test
    void filesNotNamedByAnIdAreRefusedByName() {
        List<Path> files = List.of(Path.of("t/1.jpg"), Path.of("t/cat.2.jpg"), Path.of("t/3a.jpg"), Path.of("t/4.gif"));

        assertThatThrownBy(() -> KaggleSubmission.requireUsable(CATS_DOGS, files))
                .isInstanceOf(InferenceException.class)
                .hasMessage("--format kaggle takes the id from file names like 123.jpg; 3 files named otherwise: "
                        + "t/cat.2.jpg, t/3a.jpg, t/4.gif");
    }

    @Test
    void twoFilesWithTheSameIdAreRefused() {
        List<Path> files = List.of(Path.of("a/7.jpg"), Path.of("b/7.png"), Path.of("a/007.jpg"));

        assertThatThrownBy(() -> KaggleSubmission.requireUsable(CATS_DOGS, files))
                .hasMessage("--format kaggle needs one image per id; the same id is in a/7.jpg and b/7.png, "
                        + "a/7.jpg and a/007.jpg");
    }

    @Test
    void onlyTwoClassRunsMakeASubmission() {
        assertThatThrownBy(() -> KaggleSubmission.requireUsable(List.of("a", "b", "c"), List.of(Path.of("1.jpg"))))
                .hasMessageContaining("the run has 3 classes (a, b, c)");
    }

    private static Prediction prediction(String path, float pDog) {
        return new Prediction(Path.of(path), Prediction.fromOutput(new float[] {pDog}, 2));
    }
}
