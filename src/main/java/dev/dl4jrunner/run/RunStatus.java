package dev.dl4jrunner.run;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run stands; {@code summary.json} records it, the final value written last. */
public enum RunStatus {
    RUNNING, COMPLETED, FAILED, INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
