package dev.dl4jrunner.report;

import dev.dl4jrunner.run.AtomicFiles;
import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.runs.RunDocuments;
import dev.dl4jrunner.runs.RunReader;

import java.io.IOException;

/** Writes a run's {@code report.html} from the files in its directory, as they stand. */
public final class ReportFile {
    private ReportFile() {
    }

    public static void write(RunDirectory run) throws IOException {
        AtomicFiles.writeString(run.report(), render(run));
    }

    public static String render(RunDirectory run) {
        return RunReport.render(RunReader.read(run.path()), RunDocuments.read(run.path()));
    }
}
