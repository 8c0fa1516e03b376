package dev.dl4jrunner.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NaturalOrderTest {
    @Test
    void numbersInNamesCompareByValue() {
        List<String> sorted = Stream.of("10.jpg", "2.jpg", "1.jpg", "100.jpg", "cat.10.jpg", "cat.9.jpg", "b/1.jpg",
                        "02.jpg", "a.jpg", "99999999999999999999999.jpg", "3.png")
                .map(Path::of).sorted(NaturalOrder.PATHS).map(Path::toString).toList();

        assertThat(sorted).containsExactly("1.jpg", "2.jpg", "02.jpg", "3.png", "10.jpg", "100.jpg",
                "99999999999999999999999.jpg", "a.jpg", "b/1.jpg", "cat.9.jpg", "cat.10.jpg");
    }
}
