package dev.dl4jrunner.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run directory says, read defensively: what could be read, and a note for each file that could not.
 *
 * @param startedAt        when training started; null when neither provenance nor summary says
 * @param epochsPlanned    the epochs the run was set to train; null when unknown
 * @param bestValAccuracy  the highest validation accuracy of any epoch; null before the first epoch
 * @param bestValLoss      the lowest validation loss of any epoch; null before the first epoch
 * @param wallSeconds      training time over all sessions; for a run that has not ended, the finished epochs' time
 * @param dataWaitShare    share of the training time spent waiting for the input pipeline; null when unknown
 * @param overfittingAfter see {@link Overfitting}; null when the curves do not show it
 * @param config           the resolved experiment as dotted keys; empty when config.yaml is unreadable
 * @param error            a failed run's error
 * @param notes            one line per file that is missing, damaged or odd, and for a killed run
 */
public record RunRecord(
        String id,
        @JsonIgnore Path path,
        @JsonSerialize(using = ToStringSerializer.class) Instant startedAt,
        RunState status,
        int epochsCompleted,
        Integer epochsPlanned,
        Best bestValAccuracy,
        Best bestValLoss,
        Double wallSeconds,
        Double dataWaitShare,
        Integer overfittingAfter,
        Map<String, String> config,
        List<EpochRow> epochs,
        String error,
        List<String> notes) {

    public RunRecord {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        epochs = List.copyOf(epochs);
        notes = List.copyOf(notes);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(config.get(key));
    }
}
