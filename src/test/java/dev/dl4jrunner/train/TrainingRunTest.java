package dev.dl4jrunner.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.ExperimentLoader;
import dev.dl4jrunner.data.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TrainingRunTest {
    @TempDir
    Path temp;

    @Test
    void aRunThatFailsMidwayStillGetsAFailedSummaryAndKeepsWhatItWrote() throws Exception {
        Path images = SharedData.copyTrainImages(Files.createDirectories(temp.resolve("images")), 8);
        Path yaml = TinyExperiment.write(temp, images);
        ExperimentConfig config = ExperimentLoader.load(yaml, List.of(), temp);
        TrainingData data = TrainingData.prepare(config.data(), config.seed());
        Path vanished = data.split().train().get(0).path();
        Files.delete(vanished);

        TrainingFailedException failure = catchThrowableOfType(TrainingFailedException.class,
                () -> TrainingRun.start(new TrainingRun.Request(config, yaml, List.of(), temp.resolve("runs")), data,
                        new StopRequest()));

        Path run = failure.run().path();
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("failed");
        assertThat(summary.get("epochs_completed").asInt()).isZero();
        assertThat(summary.get("error").asText()).contains(vanished.getFileName().toString());
        assertThat(run.resolve("config.yaml")).isNotEmptyFile();
        assertThat(run.resolve("provenance.json")).isNotEmptyFile();
        assertThat(Files.readString(run.resolve("train.log"))).contains("Training stopped by an error")
                .contains(vanished.getFileName().toString());
    }
}
