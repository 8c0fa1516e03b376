package dev.dl4jrunner.cli;

import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.runs.RunFilter;
import dev.dl4jrunner.runs.RunRecord;
import dev.dl4jrunner.runs.RunSort;
import dev.dl4jrunner.runs.RunsCsv;
import dev.dl4jrunner.runs.RunsFolder;
import dev.dl4jrunner.runs.RunsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner runs}: one row per run of a runs directory, to see which won and why. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        subcommands = {RunsCompareCommand.class, RunsReportCommand.class},
        description = {"Lists the runs of a runs directory: status, epochs, best validation accuracy and loss with "
                + "their epochs, wall time, the epoch after which a run overfits, and the hyperparameters that "
                + "differ between the runs listed.",
                "A run directory that is incomplete or damaged is listed with what can be read and a note."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Listed (also when there are no runs).",
                "2:Bad command line or filter.",
                "3:No runs directory at the path given."})
final class RunsCommand implements Callable<Integer> {
    enum Format { TABLE, CSV, JSON }

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunsDirOption runsDir;

    @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "date",
            description = "date (oldest first), val_accuracy (highest first) or val_loss (lowest first); "
                    + "default: ${DEFAULT-VALUE}.")
    private String sort;

    @Option(names = "--filter", paramLabel = "KEY=VALUE",
            description = "Keeps the runs whose setting KEY has VALUE (learning_rate=1e-4, model.dense=[100, 100]) "
                    + "or whose status is VALUE (status=completed); repeatable, all must match.")
    private List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    private String format;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        RunSort order = choice(RunSort.class, sort, "--sort");
        Format output = choice(Format.class, format, "--format");
        RunsFolder folder = runsDir.folder();
        List<RunRecord> all = folder.read();
        RunsTable table;
        try {
            table = RunsTable.of(all, order, filters.stream().map(RunFilter::parse).toList());
        } catch (RunFilter.InvalidFilterException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case CSV -> out.print(RunsCsv.render(table));
            case JSON -> out.println(new String(Json.bytes(table), StandardCharsets.UTF_8));
            case TABLE -> out.print(table.runs().isEmpty()
                    ? (all.isEmpty() ? "No runs in " + folder.dir() : "No run matches the filters") + "\n"
                    : RunsTableText.render(table));
        }
        out.flush();
        return ExitCode.OK;
    }

    private <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new RunnerException(ExitCode.BAD_INPUT, "Invalid value for " + option + ": '" + value
                + "' (expected one of " + String.join(", ", names) + ")");
    }
}
