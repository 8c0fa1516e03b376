package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.RunReader;
import dev.dl4jrunner.runs.RunRecord;
import dev.dl4jrunner.runs.RunsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Read from the parse result by {@link Cli}'s error handler. */
    @Option(names = "--stacktrace", description = "Prints the stack trace of an error along with its message.")
    private boolean stacktrace;

    @Override
    public Integer call() throws IOException {
        List<RunRecord> records = new ArrayList<>();
        for (String run : runs) {
            records.add(RunReader.read(find(run)));
        }
        spec.commandLine().getOut().print(RunComparisonText.render(records));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    /** A directory given by its path, else the run of that name in the runs directory, else the one name with it. */
    private Path find(String run) throws IOException {
        Path path = Path.of(run);
        if (Files.isDirectory(path)) {
            return path.toAbsolutePath().normalize();
        }
        RunsFolder folder = runsDir.folder();
        if (folder.run(run).isPresent()) {
            return folder.run(run).get();
        }
        List<Path> matches = folder.runs().stream()
                .filter(dir -> dir.getFileName().toString().contains(run)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new RunnerException(ExitCode.MISSING_RUN, "No run '" + run + "': neither a directory nor a run in "
                    + folder.dir());
        }
        throw new RunnerException(ExitCode.BAD_INPUT, "'" + run + "' matches " + matches.size() + " runs: "
                + String.join(", ", matches.stream().map(dir -> dir.getFileName().toString()).toList()));
    }
}
