package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.Best;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the runs commands write values: times in local time to the minute, durations short, metrics to 4 places. */
final class RunText {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    static final String NONE = "-";

    private RunText() {
    }

    static String time(Instant instant) {
        return instant == null ? NONE : MINUTE.format(instant);
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    static String metric(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.4f", value);
    }

    /** {@code 0.7988 @12}: the value and its epoch. */
    static String best(Best best) {
        return best == null ? NONE : String.format(Locale.ROOT, "%.4f @%d", best.value(), best.epoch());
    }

    static String epochs(int completed, Integer planned) {
        return completed + "/" + (planned == null ? "?" : planned);
    }

    /** The last part of a dotted key: the table's column title for a setting. */
    static String shortKey(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
