package dev.dl4jrunner.runs;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a run stands as seen from outside: its summary's status, except that a summary saying {@code running} with
 * no process holding the run's lock means the process was killed, and a run without a readable summary is unknown.
 */
public enum RunState {
    RUNNING, COMPLETED, INTERRUPTED, FAILED, KILLED, UNKNOWN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
