package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.RunsFolder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --runs-dir DIR} of the commands that read runs, and the check that it is a directory. */
final class RunsDirOption {
    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "The directory holding the run directories (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    /** The runs directory; a path that is not a directory ends the command with exit code 3. */
    RunsFolder folder() {
        RunsFolder folder = new RunsFolder(runsDir);
        if (!folder.exists()) {
            throw new RunnerException(ExitCode.MISSING_RUN, "No runs directory at " + folder.dir()
                    + " (choose one with --runs-dir DIR)");
        }
        return folder;
    }
}
