package dev.dl4jrunner.launch;

import java.util.List;

/**
 * Caps the child JVM's young generation at 16 MB unless the user sized it. Training keeps its arrays off the Java
 * heap, yet G1 lets the young generation grow to about 0.3 GiB between collections once the JVM maps a class-data
 * archive, and every page of it counts in the peak resident memory. {@code bench} at 64x64: peak 1.86 / 2.00 GiB
 * with a 64 MB cap against 2.23 / 2.29 GiB without (seventh session); with 16 MB, 1.14-1.20 GiB against 1.30-1.36
 * (Java heap 0.04 GiB at its peak against 0.15), training at 26.4-33.6 against 30.4-31.9 images/s (fourteenth
 * session, docs/performance.md). 8 MB saved nothing more and trained at 27-28 images/s.
 */
final class YoungGeneration {
    static final String CAP = "-XX:MaxNewSize=16m";
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
