package dev.dl4jrunner.launch;

import java.util.List;

/**
 * Caps the child JVM's young generation at 64 MB unless the user sized it. Training keeps its arrays off the Java
 * heap (50-70 MB stay live on it), yet G1 let the young generation grow to about 0.3 GiB between collections once
 * the JVM mapped a class-data archive, and every page of it counts in the peak resident memory. {@code bench} at
 * 64x64, alternating: peak 1.86 / 2.00 GiB with the cap (Java heap 0.17 / 0.16 GiB at its peak) against 2.23 /
 * 2.29 GiB without (0.34 GiB), training at 30.8 / 31.3 against 29.1 / 32.7 images/s.
 */
final class YoungGeneration {
    static final String CAP = "-XX:MaxNewSize=64m";
    private static final List<String> USER_CHOICES = List.of("-Xmn", "-XX:MaxNewSize", "-XX:NewSize",
            "-XX:NewRatio", "-XX:G1MaxNewSizePercent");

    private YoungGeneration() {
    }

    /** The child's options: the cap, or nothing when {@code jvmArguments} size the young generation already. */
    static List<String> jvmOptions(List<String> jvmArguments) {
        boolean sizedByUser = jvmArguments.stream().anyMatch(arg -> USER_CHOICES.stream().anyMatch(arg::startsWith));
        return sizedByUser ? List.of() : List.of(CAP);
    }
}
