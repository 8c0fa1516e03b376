package dev.dl4jrunner.runs;

import dev.dl4jrunner.config.YamlKeys;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.run.Provenance;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import dev.dl4jrunner.run.RunStatus;
import dev.dl4jrunner.run.RunSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one run directory into a {@link RunRecord}. Never throws: a run may be training, killed, resumed or edited
 * while it is read, so each file that is missing or damaged leaves its fields empty and a note.
 */
public final class RunReader {
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d)_.+");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private RunReader() {
    }

    public static RunRecord read(Path dir) {
        RunDirectory run = new RunDirectory(dir);
        List<String> notes = new ArrayList<>();
        boolean started = Stream.of(run.config(), run.provenance(), run.summary(), run.metrics())
                .anyMatch(file -> Files.exists(file, LinkOption.NOFOLLOW_LINKS));
        Map<String, String> config = config(run, notes);
        Provenance provenance = json(run.provenance(), Provenance.class, notes);
        RunSummary summary = json(run.summary(), RunSummary.class, notes);
        List<EpochRow> epochs = epochs(run, notes);
        boolean live = RunLock.isHeld(run);
        if (!started && !live) {
            notes.clear();
            notes.add("none of config.yaml, provenance.json, summary.json, metrics.csv: training never started here");
        }
        RunState status = status(summary, live, notes);
        Best bestAccuracy = best(epochs, true);
        Best bestLoss = best(epochs, false);
        int completed = epochs.isEmpty() && summary != null ? summary.epochsCompleted()
                : epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        return new RunRecord(run.id(), run.path(), startedAt(run, provenance, summary), status, completed,
                planned(summary, config), bestAccuracy, bestLoss, wallSeconds(summary, status, epochs),
                summary == null ? null : summary.dataWaitShare(), Overfitting.after(epochs).orElse(null), config, epochs,
                summary == null ? null : summary.error(), notes);
    }

    private static Map<String, String> config(RunDirectory run, List<String> notes) {
        try {
            return YamlKeys.flatten(RunFileReader.text(run.config()));
        } catch (RunFileReader.Unreadable e) {
            notes.add("config.yaml " + e.getMessage());
        } catch (IllegalArgumentException e) {
            notes.add("config.yaml is damaged: " + oneLine(e.getMessage()));
        }
        return new LinkedHashMap<>();
    }

    private static <T> T json(Path file, Class<T> type, List<String> notes) {
        String name = file.getFileName().toString();
        try {
            return Json.read(RunFileReader.text(file).getBytes(StandardCharsets.UTF_8), type);
        } catch (RunFileReader.Unreadable e) {
            notes.add(name + " " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            notes.add(name + " is damaged: " + oneLine(e.getMessage()));
        }
        return null;
    }

    private static List<EpochRow> epochs(RunDirectory run, List<String> notes) {
        try {
            MetricsCsv.Parsed parsed = MetricsCsv.parse(RunFileReader.text(run.metrics()));
            notes.addAll(parsed.problems());
            return parsed.rows();
        } catch (RunFileReader.Unreadable e) {
            notes.add("metrics.csv " + e.getMessage());
            return List.of();
        }
    }

    /** A session's last word is its summary; the lock only tells a live run from a killed one while it says running. */
    private static RunState status(RunSummary summary, boolean live, List<String> notes) {
        RunStatus said = summary == null ? null : summary.status();
        if (said != null && said != RunStatus.RUNNING) {
            return RunState.valueOf(said.name());
        }
        if (live) {
            return RunState.RUNNING;
        }
        if (said == null) {
            return RunState.UNKNOWN;
        }
        notes.add("killed: summary.json says running but no process trains it; runner resume continues it");
        return RunState.KILLED;
    }

    private static Best best(List<EpochRow> epochs, boolean accuracy) {
        Best best = null;
        for (EpochRow row : epochs) {
            Double value = accuracy ? row.valAccuracy() : row.valLoss();
            if (value != null && (best == null || (accuracy ? value > best.value() : value < best.value()))) {
                best = new Best(value, row.epoch());
            }
        }
        return best;
    }

    private static Integer planned(RunSummary summary, Map<String, String> config) {
        if (summary != null && summary.epochsPlanned() > 0) {
            return summary.epochsPlanned();
        }
        try {
            return config.containsKey("training.epochs") ? Integer.valueOf(config.get("training.epochs")) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finished session's summary has the whole time; while training, or once killed, the epochs' time is known. */
    private static Double wallSeconds(RunSummary summary, RunState status, List<EpochRow> epochs) {
        boolean ended = status == RunState.COMPLETED || status == RunState.FAILED || status == RunState.INTERRUPTED;
        if (ended && summary != null) {
            return summary.wallSeconds();
        }
        if (epochs.isEmpty()) {
            return null;
        }
        return epochs.stream().mapToDouble(e -> e.seconds() == null ? 0 : e.seconds()).sum();
    }

    private static Instant startedAt(RunDirectory run, Provenance provenance, RunSummary summary) {
        for (String text : new String[] {provenance == null ? null : provenance.startedAt(),
                summary == null ? null : summary.startedAt()}) {
            if (text != null) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    // Try the next source.
                }
            }
        }
        Matcher stamp = STAMP.matcher(run.id());
        if (stamp.matches()) {
            try {
                return LocalDateTime.parse(stamp.group(1), STAMP_FORMAT).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
