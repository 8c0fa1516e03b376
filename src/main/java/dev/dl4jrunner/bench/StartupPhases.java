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
    private long lastMillis;

    private StartupPhases(long commandStartMillis, long processStartMillis) {
        lastMillis = commandStartMillis;
        end("launcher", processStartMillis);
    }

    /** Phases counted from the command's start; the first two end now. */
    static StartupPhases sinceCommandStart() {
        StartupPhases phases = new StartupPhases(LaunchedProcess.commandStart().toEpochMilli(),
                ProcessStart.of(ProcessHandle.current()).toEpochMilli());
        phases.end("jvm_and_experiment");
        return phases;
    }

    /** Ends the phase called {@code name} now. */
    void end(String name) {
        end(name, System.currentTimeMillis());
    }

    private void end(String name, long endMillis) {
        seconds.put(name, Math.max(0, endMillis - lastMillis) / 1000.0);
        lastMillis = Math.max(lastMillis, endMillis);
    }

    double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Seconds per phase, in the order they happened. */
    Map<String, Double> seconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }
}
