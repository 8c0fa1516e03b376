package dev.dl4jrunner.cli;

import dev.dl4jrunner.report.ReportFile;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.run.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner runs report [RUN...]}: (re)writes report.html for runs trained before reports existed. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Writes report.html into run directories: the given runs, or every run of the runs directory. "
                + "Training writes it at the end of every session; this is for older runs. A run being trained is "
                + "left to its trainer.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Written.",
                "1:A report could not be written (the message names the file).",
                "2:Bad command line, or a name that matches several runs.",
                "3:A run that does not exist, or no runs directory."})
final class RunsReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "RUN",
            description = "A run directory, a run's name in the runs directory, or a unique part of it; none = all.")
    private List<String> runs = new ArrayList<>();

    @Mixin
    private RunsDirOption runsDir;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (runs.isEmpty()) {
            dirs.addAll(runsDir.folder().runs());
        }
        for (String run : runs) {
            dirs.add(RunLocator.find(run, runsDir));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Path dir : dirs) {
            RunDirectory run = new RunDirectory(dir);
            if (RunLock.isHeld(run)) {
                out.println("Skipped " + run.id() + ": it is being trained, and gets its report when it ends");
                continue;
            }
            try {
                ReportFile.write(run);
            } catch (IOException e) {
                throw new RunnerException(ExitCode.TRAINING_FAILED, e.getMessage(), e);
            }
            out.println("Wrote " + run.report());
        }
        out.flush();
        return ExitCode.OK;
    }
}
