package dev.dl4jrunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The experiment the end-to-end tests train: real images at 32x32, a small classifier, one epoch of batches of
 * 8. Tests vary it with {@code --set}, as users do.
 */
public final class TinyExperiment {
    private TinyExperiment() {
    }

    /** Writes {@code tiny.yaml} into {@code dir}, reading images from {@code dataDir}. */
    public static Path write(Path dir, Path dataDir) throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                seed: 7
                data:
                  dir: %s
                input:
                  shape: [32, 32, 3]
                model:
                  dense: [8]
                  batch_norm: true
                optimizer:
                  learning_rate: 1e-4
                training:
                  epochs: 1
                  batch_size: 8
                """.formatted(dataDir));
    }
}
