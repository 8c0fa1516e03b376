package dev.dl4jrunner.cli;

import dev.dl4jrunner.runs.RunsFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the run a user names: a directory path, else a run's name in the runs directory, else a unique part of one. */
final class RunLocator {
    private RunLocator() {
    }

    static Path find(String run, RunsDirOption runsDir) throws IOException {
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
