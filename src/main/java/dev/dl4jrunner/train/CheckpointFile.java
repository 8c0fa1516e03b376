package dev.dl4jrunner.train;

import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * One checkpoint file: DL4J's model zip (configuration, weights, updater state; restorable with
 * {@code ModelSerializer.restoreComputationGraph(file, true)}) with the {@link TrainingState} as one more entry, so
 * that weights and state are written, and replaced, together in one atomic rename.
 *
 * <p>The entries are the ones {@code ModelSerializer.writeModel} writes, but uncompressed: trained weights and Adam
 * moments barely compress, and deflating them took 4 of the 5 seconds a 15-million-parameter checkpoint cost; the
 * arrays are converted in bulk ({@link ArrayBytes}), which took most of the last second.
 */
public final class CheckpointFile {
    static final String STATE_ENTRY = "dl4j-runner-state.json";

    private CheckpointFile() {
    }

    @FunctionalInterface
    private interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    static void write(Path target, ComputationGraph graph, TrainingState state) throws IOException {
        byte[] configuration = graph.getConfiguration().toJson().getBytes(StandardCharsets.UTF_8);
        byte[] json = Json.bytes(state);
        INDArray updaterState = graph.getUpdater().getStateViewArray();
        AtomicFiles.write(target, temporary -> {
            try (ZipOutputStream zip = new ZipOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                zip.setLevel(Deflater.NO_COMPRESSION);
                entry(zip, ModelSerializer.CONFIGURATION_JSON, out -> out.write(configuration));
                entry(zip, ModelSerializer.COEFFICIENTS_BIN,
                        out -> ArrayBytes.write(graph.params(), new DataOutputStream(out)));
                if (updaterState != null && updaterState.length() > 0) {
                    entry(zip, ModelSerializer.UPDATER_BIN,
                            out -> ArrayBytes.write(updaterState, new DataOutputStream(out)));
                }
                entry(zip, STATE_ENTRY, out -> out.write(json));
            }
        });
    }

    private static void entry(ZipOutputStream zip, String name, EntryWriter writer) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        BufferedOutputStream buffered = new BufferedOutputStream(zip, 1 << 16);
        writer.write(buffered);
        buffered.flush();
        zip.closeEntry();
    }

    /** The training state stored in {@code file}. */
    public static TrainingState readState(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(STATE_ENTRY);
            if (entry == null) {
                throw new IOException(file + " has no training state (" + STATE_ENTRY + "): it is not a checkpoint "
                        + "written by dl4j-runner");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Json.read(in.readAllBytes(), TrainingState.class);
            }
        }
    }

    /** The model stored in {@code file}, with its updater state. */
    static ComputationGraph readModel(Path file) throws IOException {
        return ModelSerializer.restoreComputationGraph(file.toFile(), true);
    }
}
