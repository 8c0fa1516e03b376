package dev.dl4jrunner.cli;

import dev.dl4jrunner.cli.ExperimentMutations.Mutation;
import dev.dl4jrunner.config.ConfigException;
import dev.dl4jrunner.config.ExperimentLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Breaks the shipped experiments in every way {@link ExperimentMutations} knows and runs the command line on
 * each broken file: it must exit with code 2, name the file and the line and column of every problem that has
 * one, print no stack trace and create no run directory.
 *
 * <p>A mutation that still loads (an optional key deleted, a character added to a comment) is counted, not
 * trained. One that makes the loader throw anything but a {@link ConfigException} is a bug.
 */
class ExperimentFuzzTest {
    private static final Path EXPERIMENTS = Path.of("experiments");
    private static final Path WORKING_DIR = Path.of("").toAbsolutePath();
    /** Problems of the file as a whole: nothing in it to point at. */
    private static final Pattern WHOLE_FILE_PROBLEM = Pattern.compile("Expected a map of experiment keys, found an "
            + "empty file|The file is not UTF-8 text|The file is larger than \\d+ KiB|[a-z_.]+ is required");
    private static final Pattern ERROR_LINE = Pattern.compile(" {2}(.+) \\(([^()]+)\\)");
    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\tat |Caused by");
    /** Long enough for any real message with a quoted value; a value must not flood the terminal. */
    private static final int MAX_MESSAGE_LENGTH = 250;
    /** Far above what a clean refusal takes (milliseconds), far below what a quadratic parse of a big file takes. */
    private static final Duration SLOW = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void everyBrokenExperimentExitsWith2NamingFileAndLineWithoutStackTraceOrRunDirectory() throws IOException {
        List<Mutation> mutations = mutations();
        Path runs = temp.resolve("runs");
        Tally tally = new Tally();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (Mutation mutation : mutations) {
            Path file = temp.resolve(mutation.file());
            Files.write(file, mutation.bytes());
            long start = System.nanoTime();
            String failure = check(file, mutation, runs, tally);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            tally.time(mutation, took);
            if (failure == null && took.compareTo(SLOW) > 0) {
                failure = "took " + took.toMillis() + " ms";
            }
            if (failure != null) {
                failures.add(abbreviate(mutation.name() + ": " + failure));
            }
        }
        System.out.println(tally.summary(Duration.ofNanos(System.nanoTime() - started)));

        assertThat(failures).withFailMessage("%d of %d mutations were mishandled:%n%s", failures.size(),
                mutations.size(), String.join("\n", failures)).isEmpty();
        assertThat(tally.refused()).as("refused mutations").isGreaterThan(1400);
        assertThat(tally.accepted()).as("mutations that still load").isBetween(300, 500);
        assertThat(tally.accepted("duplicate key line")).as("duplicate keys accepted").isZero();
        assertThat(tally.refused("line endings")).as("files refused for their line endings").isZero();
    }

    @ParameterizedTest(name = "--set {0}")
    @ValueSource(strings = {"", "=", "=1", "a.b", ".", "..=1", "data.=1", "data.split=[", "data.split={",
            "data.split=a: b", "data.split=- 1", "data.split=*x", "data.split=!!float x",
            "model.dense=!!java.io.File x", "model.dense=!<tag:yaml.org,2002:java.net.URL> x",
            "data.split=1\n---\n2", "name=a\nb", "name=\u001b[31mred", "träining.epochs=3", "训练=1", "se\ned=1",
            "name.x=1", "seed.x=1", "input.shape.0=32", "training.epochs.x=1", "data.dir.x=y"})
    void malformedOverrideExitsWith2WithoutStackTraceOrRunDirectory(String override) {
        Path smoke = EXPERIMENTS.resolve("smoke.yaml");
        Path runs = temp.resolve("runs");
        // a bad override that loaded would start a training: refuse to run the command line on it
        assertThatThrownBy(() -> ExperimentLoader.load(smoke, List.of(override), WORKING_DIR))
                .isInstanceOf(ConfigException.class);

        CliRun run = CliRun.of(smoke.toString(), "--runs-dir", runs.toString(), "--set", override);

        assertThat(refusalProblem(run, smoke, runs)).isNull();
    }

    @Test
    void setWithoutAValueIsAUsageError() {
        Path runs = temp.resolve("runs");

        CliRun run = CliRun.of(EXPERIMENTS.resolve("smoke.yaml").toString(), "--runs-dir", runs.toString(), "--set");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--set").doesNotContainPattern(STACK_TRACE);
        assertThat(runs).doesNotExist();
    }

    private static List<Mutation> mutations() throws IOException {
        List<Mutation> mutations = new ArrayList<>(ExperimentMutations.standalone());
        try (Stream<Path> files = Files.list(EXPERIMENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                mutations.addAll(ExperimentMutations.of(file.getFileName().toString(), Files.readString(file)));
            }
        }
        return mutations;
    }

    /** Null when {@code mutation} loads, or is refused as it should be; otherwise what went wrong. */
    private static String check(Path file, Mutation mutation, Path runs, Tally tally) {
        try {
            ExperimentLoader.load(file, List.of(), WORKING_DIR);
            tally.count(mutation, false);
            return null;
        } catch (ConfigException expected) {
            tally.count(mutation, true);
        } catch (RuntimeException | Error e) {
            return "the loader threw " + e; // StackOverflowError and OutOfMemoryError included
        }
        return refusalProblem(CliRun.of(file.toString(), "--runs-dir", runs.toString()), file, runs);
    }

    /**
     * Null when {@code run} refused {@code file} properly: exit code 2, nothing on stdout, on stderr a
     * {@code file: N errors} header and N lines {@code message (location)}, no stack trace, no run directory.
     */
    private static String refusalProblem(CliRun run, Path file, Path runs) {
        if (run.exitCode() != ExitCode.BAD_INPUT) {
            return "exit code " + run.exitCode() + ", stderr: " + run.err();
        }
        if (Files.exists(runs)) {
            return "created " + runs;
        }
        if (!run.out().isEmpty() || STACK_TRACE.matcher(run.err()).find()) {
            return "stdout: " + run.out() + "\nstderr: " + run.err();
        }
        List<String> lines = run.err().lines().toList();
        int errors = lines.size() - 1;
        if (!lines.get(0).equals(file + ": " + errors + (errors == 1 ? " error" : " errors"))) {
            return "no 'file: N errors' header over " + errors + " lines: " + run.err();
        }
        for (String line : lines.subList(1, lines.size())) {
            Matcher error = ERROR_LINE.matcher(line);
            if (!error.matches()) {
                return "not '  message (location)': " + line;
            }
            String message = error.group(1);
            String location = error.group(2);
            if (message.length() > MAX_MESSAGE_LENGTH) {
                return "a message of " + message.length() + " characters: " + message;
            }
            boolean located = location.matches(Pattern.quote(file.toString()) + ":\\d+:\\d+")
                    || location.startsWith("--set ");
            boolean wholeFile = location.equals(file.toString()) && WHOLE_FILE_PROBLEM.matcher(message).matches();
            if (!located && !wholeFile) {
                return "no line and column: " + line;
            }
        }
        return null;
    }

    /**
     * The start of {@code text} on one line of printable characters, so that a failure shows what was printed
     * without flooding the report or writing control characters to it.
     */
    private static String abbreviate(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> line.append(isPrintable(c) ? Character.toString(c)
                : String.format("\\u%04X", c)));
        return text.codePointCount(0, text.length()) > 300 ? line + "..." : line.toString();
    }

    private static boolean isPrintable(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** Refused and still valid mutations per kind, and the slowest one, for the summary and the sanity floor. */
    private static final class Tally {
        private final Map<String, Integer> refused = new TreeMap<>();
        private final Map<String, Integer> accepted = new TreeMap<>();
        private Mutation slowest;
        private Duration slowestTime = Duration.ZERO;

        void count(Mutation mutation, boolean wasRefused) {
            refused.merge(mutation.kind(), wasRefused ? 1 : 0, Integer::sum);
            accepted.merge(mutation.kind(), wasRefused ? 0 : 1, Integer::sum);
        }

        void time(Mutation mutation, Duration took) {
            if (took.compareTo(slowestTime) > 0) {
                slowest = mutation;
                slowestTime = took;
            }
        }

        int refused(String kind) {
            return refused.getOrDefault(kind, 0);
        }

        int accepted(String kind) {
            return accepted.getOrDefault(kind, 0);
        }

        int refused() {
            return refused.values().stream().mapToInt(Integer::intValue).sum();
        }

        int accepted() {
            return accepted.values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary(Duration took) {
            StringBuilder summary = new StringBuilder(String.format(Locale.ROOT,
                    "%d mutations in %.1f s: %d refused, %d still valid%n%-20s %8s %8s%n", refused() + accepted(),
                    took.toMillis() / 1000.0, refused(), accepted(), "kind", "refused", "valid"));
            refused.keySet().forEach(kind -> summary.append(
                    String.format("%-20s %8d %8d%n", kind, refused(kind), accepted(kind))));
            return summary.append(String.format("slowest: %s (%d ms)", slowest.name(), slowestTime.toMillis()))
                    .toString();
        }
    }
}
