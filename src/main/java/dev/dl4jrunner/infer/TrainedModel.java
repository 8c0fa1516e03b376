package dev.dl4jrunner.infer;

import dev.dl4jrunner.config.InputConfig;
import dev.dl4jrunner.train.CheckpointFile;
import dev.dl4jrunner.train.TrainingState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The network of one checkpoint of a run, loaded without its optimizer state and checked to fit the run: it takes
 * the run's input shape and gives one sigmoid column for two classes or one softmax column per class.
 *
 * @param checkpoint the model file
 * @param label      how people name it: {@code best}, {@code last} or the file name
 * @param state      how far training had got when it was written, when the file is a dl4j-runner checkpoint
 */
public record TrainedModel(ComputationGraph graph, Path checkpoint, String label, Optional<TrainingState> state) {

    /**
     * Loads {@code choice} of {@code run}: {@code best} ({@code checkpoints/best.zip}), {@code last}
     * ({@code checkpoints/last.zip}) or the path of a model zip.
     */
    public static TrainedModel load(TrainedRun run, String choice) throws InferenceException {
        Path file;
        String label;
        switch (choice.toLowerCase(Locale.ROOT)) {
            case "best" -> {
                file = run.directory().bestCheckpoint();
                label = "best";
            }
            case "last" -> {
                file = run.directory().lastCheckpoint();
                label = "last";
            }
            default -> {
                file = Path.of(choice).toAbsolutePath().normalize();
                String name = file.getFileName() == null ? choice : file.getFileName().toString();
                label = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
            }
        }
        if (!Files.isRegularFile(file)) {
            throw InferenceException.unusable(missing(run, choice, file));
        }
        ComputationGraph graph;
        try {
            graph = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw InferenceException.unusable("Cannot read the checkpoint " + file + ": it is not a DL4J "
                    + "ComputationGraph zip (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")", e);
        }
        requireFits(graph, run, file);
        return new TrainedModel(graph, file, label, readState(file));
    }

    private static String missing(TrainedRun run, String choice, Path file) {
        if (Files.exists(file)) {
            return file + " is not a model file";
        }
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "best" -> "Run " + run.id() + " has no checkpoints/best.zip yet: it is written at the end of the first "
                    + "epoch (--checkpoint last takes the latest checkpoint)";
            case "last" -> "Run " + run.id() + " has no checkpoints/last.zip yet: training has not written a checkpoint";
            default -> "No checkpoint file at " + file + " (--checkpoint takes best, last or the path of a model zip)";
        };
    }

    /** {@code best.zip (after epoch 7)}, for people. */
    public String describe() {
        return checkpoint.getFileName() + state.map(s -> " (" + s.describe() + ")").orElse("");
    }

    /** One pass over a blank image: the graph must take the run's input and give the outputs its classes need. */
    private static void requireFits(ComputationGraph graph, TrainedRun run, Path file) throws InferenceException {
        InputConfig input = run.config().input();
        int classes = run.classes().size();
        long expected = classes == 2 ? 1 : classes;
        INDArray output;
        try {
            output = graph.outputSingle(false,
                    Nd4j.zeros(DataType.FLOAT, 1, input.channels(), input.height(), input.width()));
        } catch (RuntimeException e) {
            throw InferenceException.unusable("The checkpoint " + file + " does not take run " + run.id()
                    + "'s input of " + input.height() + "x" + input.width() + "x" + input.channels() + " ("
                    + e.getMessage() + ")", e);
        }
        if (output.rank() != 2 || output.size(1) != expected) {
            throw InferenceException.unusable("The checkpoint " + file + " gives " + (output.rank() == 2
                    ? output.size(1) + " output columns" : "outputs of shape " + java.util.Arrays.toString(output.shape()))
                    + " but run " + run.id() + " has " + classes + " classes, which need " + expected);
        }
    }

    private static Optional<TrainingState> readState(Path file) {
        try {
            return Optional.of(CheckpointFile.readState(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a model zip from elsewhere: fine, its training is just unknown
        }
    }
}
