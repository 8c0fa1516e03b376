package dev.dl4jrunner.launch;

import java.util.List;

/**
 * Has the child JVM compile Java code with HotSpot's quick compiler (C1) only, unless the user chose a compilation
 * mode. Training spends its time in native code (oneDNN, libnd4j, OpenBLAS); the Java around it dispatches
 * operations, and C1's code does that as fast. The optimizing compiler (C2) instead spends most of the first seconds
 * compiling on the second core, which the start needs for the memory written ahead and the first batch.
 * {@code bench} at 64x64, three alternating pairs: the first iteration 2.5 / 2.5 / 3.0 s after the command against
 * 3.6 / 3.6 / 3.0 s, training at 33.0 / 34.0 / 28.4 against 28.9 / 26.4 / 30.4 images/s, the same peak memory
 * (fourteenth session, docs/performance.md).
 */
final class QuickCompiler {
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final List<String> USER_CHOICES = List.of("-XX:TieredStopAtLevel", "-XX:+TieredCompilation",
            "-XX:-TieredCompilation", "-XX:CompilationMode", "-Xint", "-Xcomp", "-Xmixed");

    private QuickCompiler() {
    }

    /** The child's options: C1 only, or nothing when {@code jvmArguments} choose how to compile already. */
    static List<String> jvmOptions(List<String> jvmArguments) {
        boolean chosenByUser = jvmArguments.stream().anyMatch(arg -> USER_CHOICES.stream().anyMatch(arg::startsWith));
        return chosenByUser ? List.of() : List.of(C1_ONLY);
    }
}
