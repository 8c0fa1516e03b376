package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.RunReader;
import dev.dl4jrunner.runs.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner runs compare RUN...}: config differences and per-epoch curves of runs side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Shows runs side by side: their headline numbers, every config key that differs, and each "
                + "epoch's training loss, validation loss and validation accuracy.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Compared.",
                "2:Bad command line, or a name that matches several runs.",
                "3:A run that does not exist, or no runs directory."})
final class RunsCompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN",
            description = "A run directory, or a run's name in the runs directory, or a unique part of it (lr1e-4).")
    private List<String> runs;

    @Mixin
    private RunsDirOption runsDir;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        List<RunRecord> records = new ArrayList<>();
        for (String run : runs) {
            records.add(RunReader.read(RunLocator.find(run, runsDir)));
        }
        spec.commandLine().getOut().print(RunComparisonText.render(records));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
