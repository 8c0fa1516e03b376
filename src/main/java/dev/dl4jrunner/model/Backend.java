package dev.dl4jrunner.model;

import dev.dl4jrunner.launch.ProcessTuning;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ND4J backend this process trains on, and the switch that lets DL4J use its oneDNN / cuDNN layer helpers.
 *
 * <p>DL4J 1.0.0-M2.1 ships with its platform helpers disabled by default; on CPU that leaves convolutions on
 * the im2col path, about 7x slower than oneDNN here. {@link #enableLayerHelpers()} must run before the first
 * layer is created, because helpers are attached when a layer is instantiated.
 */
public final class Backend {
    private Backend() {
    }

    /**
     * Loads the ND4J backend with layer helpers allowed, and describes it.
     *
     * @throws BackendUnavailableException when the native backend cannot load (no GPU driver for a CUDA build,
     *                                     an unsupported CPU or OS), with the reason and what to do
     */
    public static Description start() {
        enableLayerHelpers();
        try {
            return describe();
        } catch (LinkageError | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new BackendUnavailableException("The ND4J backend could not start: " + cause.getMessage()
                    + "\nThe CPU build (the default) needs Linux x86-64; a build with -Pcuda needs an NVIDIA GPU "
                    + "with a CUDA 11.6 driver.", e);
        }
    }

    /** The native ND4J backend of this build cannot run on this machine. */
    public static final class BackendUnavailableException extends RuntimeException {
        BackendUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Allows DL4J to attach oneDNN (CPU) or cuDNN (CUDA) helpers to layers created from now on. */
    public static void enableLayerHelpers() {
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "false");
    }

    /** What the run records and prints about the backend: its name, the BLAS vendor and whether helpers are on. */
    public static Description describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getProperty("backend", "unknown"));
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        boolean helpersAllowed = !Boolean.parseBoolean(
                System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "true"));
        boolean oneDnn = "CPU".equalsIgnoreCase(backend) && helpersAllowed
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        boolean cudnn = "CUDA".equalsIgnoreCase(backend) && helpersAllowed;
        int threads = Runtime.getRuntime().availableProcessors();
        return new Description(backend, blas, oneDnn, cudnn, threads, ProcessTuning.inEffect(System.getenv()));
    }

    /** The layer helper classes attached to a built graph, by layer name: how a test proves oneDNN is really used. */
    public static Map<String, String> attachedHelpers(ComputationGraph graph) {
        Map<String, String> helpers = new LinkedHashMap<>();
        for (Layer layer : graph.getLayers()) {
            if (layer.getHelper() != null) {
                helpers.put(layer.getConfig().getLayerName(), layer.getHelper().getClass().getSimpleName());
            }
        }
        return helpers;
    }

    /**
     * A one-line account of the backend for logs and provenance; {@code tuning} holds the environment variables of
     * {@link ProcessTuning} that this process has.
     */
    public record Description(String backend, String blasVendor, boolean oneDnnHelpers, boolean cudnnHelpers,
                              int cpuThreads, Map<String, String> tuning) {
        public Description {
            tuning = Collections.unmodifiableMap(new LinkedHashMap<>(tuning));
        }

        @Override
        public String toString() {
            String helpers = oneDnnHelpers ? "oneDNN helpers on" : cudnnHelpers ? "cuDNN helpers on" : "no layer helpers";
            String allocator = ProcessTuning.tunedAllocator(tuning).map(name -> ", " + name).orElse("")
                    + (ProcessTuning.hugePagesRequested(tuning) ? ", huge pages" : "");
            String blasCore = tuning.containsKey(ProcessTuning.OPENBLAS_CORETYPE)
                    ? " " + tuning.get(ProcessTuning.OPENBLAS_CORETYPE) : "";
            return backend + " backend (" + blasVendor + blasCore + ", " + helpers + allocator + ", " + cpuThreads
                    + " threads)";
        }
    }
}
