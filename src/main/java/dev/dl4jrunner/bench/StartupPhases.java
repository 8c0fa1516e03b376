package dev.dl4jrunner.bench;

import dev.dl4jrunner.launch.LaunchedProcess;
import dev.dl4jrunner.launch.ProcessStart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time from the command's start to the first finished training iteration went: the launcher (until this
 * process started), this JVM's start with the command line, the experiment and the image listing, then each step
 * {@link #end} names.
 */
final class StartupPhases {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long lastNanos;

    private StartupPhases(long commandStartNanos, long processStartNanos) {
        lastNanos = commandStartNanos;
        end("launcher", processStartNanos);
    }

    /**
     * Phases counted from the command's start; the first two end now. All times are on {@link System#nanoTime}'s
     * clock, which the wall clock's adjustments do not move.
     */
    static StartupPhases sinceCommandStart() {
        long now = System.nanoTime();
        StartupPhases phases = new StartupPhases(now - LaunchedProcess.commandAge().toNanos(),
                now - ProcessStart.age(ProcessHandle.current()).toNanos());
        phases.end("jvm_and_experiment");
        return phases;
    }

    /** Ends the phase called {@code name} now. */
    void end(String name) {
        end(name, System.nanoTime());
    }

    private void end(String name, long endNanos) {
        seconds.put(name, Math.max(0, endNanos - lastNanos) / 1e9);
        lastNanos = Math.max(lastNanos, endNanos);
    }

    double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Seconds per phase, in the order they happened. */
    Map<String, Double> seconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }
}
