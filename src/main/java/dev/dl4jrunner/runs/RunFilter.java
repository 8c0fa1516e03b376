package dev.dl4jrunner.runs;

import java.util.List;
import java.util.Locale;

/**
 * {@code KEY=VALUE}: keeps the runs whose setting {@code KEY} has that value, or whose {@code status} is that. A key
 * may be cut to a unique dotted tail ({@code learning_rate} for {@code optimizer.learning_rate}); values compare as
 * {@link SettingValues} do.
 */
public record RunFilter(String key, String value) {
    public static final String STATUS = "status";

    /** A filter that cannot apply: its text or its key; the message says which and lists the keys. */
    public static final class InvalidFilterException extends IllegalArgumentException {
        InvalidFilterException(String message) {
            super(message);
        }
    }

    public static RunFilter parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new InvalidFilterException("A filter is KEY=VALUE, e.g. learning_rate=1e-4 or status=completed; got '"
                    + text + "'");
        }
        return new RunFilter(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
    }

    /** This filter with its key spelt out in full among {@code keys}, the settings of the runs to filter. */
    public RunFilter resolve(List<String> keys) {
        if (key.equals(STATUS) || keys.contains(key)) {
            return this;
        }
        List<String> tails = keys.stream().filter(k -> k.endsWith("." + key)).toList();
        if (tails.size() == 1) {
            return new RunFilter(tails.get(0), value);
        }
        throw new InvalidFilterException(tails.isEmpty()
                ? "No setting '" + key + "' in these runs; filter by status or one of: " + String.join(", ", keys)
                : "'" + key + "' could be " + String.join(" or ", tails) + "; give the full key");
    }

    public boolean test(RunRecord run) {
        if (key.equals(STATUS)) {
            return run.status().label().equals(value.toLowerCase(Locale.ROOT));
        }
        return run.setting(key).map(setting -> SettingValues.same(setting, value)).orElse(false);
    }
}
