package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Bridge that lets DL4J 1.0.0-M2.1 find out whether oneDNN is on.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper} asks for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, a class that
 * the M2.1 CPU backend renamed to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment}
 * (with {@code isUseONEDNN()}). Without this bridge every oneDNN layer helper silently turns itself off and
 * convolutions run through DL4J's much slower im2col path. The target is reached by reflection so that the
 * class also compiles against the CUDA backend, where the helper never asks.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The part of the old native environment that DL4J's oneDNN helpers consult. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String TARGET = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the CPU backend's native library was built with oneDNN and has it switched on. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> environment = Class.forName(TARGET);
                Object instance = environment.getMethod("getInstance").invoke(null);
                Method isUseOneDnn = environment.getMethod("isUseONEDNN");
                return (Boolean) isUseOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
