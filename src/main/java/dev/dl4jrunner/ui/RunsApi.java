package dev.dl4jrunner.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.report.RunReport;
import dev.dl4jrunner.run.Json;
import dev.dl4jrunner.runs.RunDocuments;
import dev.dl4jrunner.runs.RunFileReader;
import dev.dl4jrunner.runs.RunReader;
import dev.dl4jrunner.runs.RunRecord;
import dev.dl4jrunner.runs.RunSort;
import dev.dl4jrunner.runs.RunsFolder;
import dev.dl4jrunner.runs.RunsTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the runs page asks the server for, answered from the run directories as they are at that moment. A run is
 * only ever named by its id, looked up in the runs folder; files by a fixed list of names.
 */
final class RunsApi {
    /** The files of a run the page may show, with their content types. */
    static final Map<String, String> FILES = Map.of(
            "loss.png", "image/png",
            "accuracy.png", "image/png",
            "config.yaml", "text/plain; charset=utf-8",
            "overrides.txt", "text/plain; charset=utf-8",
            "provenance.json", "application/json",
            "summary.json", "application/json",
            "metrics.csv", "text/csv; charset=utf-8",
            "train.log", "text/plain; charset=utf-8");
    private static final ObjectMapper TREES = new ObjectMapper();

    private final RunsFolder folder;
    private final Supplier<Set<String>> sessions;

    /** {@code sessions}: the run ids DL4J's UI has a session for. */
    RunsApi(RunsFolder folder, Supplier<Set<String>> sessions) {
        this.folder = folder;
        this.sessions = sessions;
    }

    /** The table of every run, oldest first, and which have DL4J sessions. */
    record Listing(String runsDir, List<String> differing, List<RunRecord> runs, Set<String> sessions) {
    }

    /** One run with its documents, for the details panel. */
    record Details(RunRecord run, String configYaml, String overrides, JsonNode provenance, JsonNode summary,
                   List<String> files, boolean session) {
    }

    byte[] listing() throws IOException {
        RunsTable table = RunsTable.of(folder.read(), RunSort.DATE, List.of());
        return Json.bytes(new Listing(folder.dir().toString(), table.differing(), table.runs(), sessions.get()));
    }

    Optional<byte[]> details(String id) throws IOException {
        Optional<Path> dir = folder.run(id);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        RunDocuments documents = RunDocuments.read(dir.get());
        List<String> files = FILES.keySet().stream().sorted()
                .filter(name -> Files.isRegularFile(dir.get().resolve(name), LinkOption.NOFOLLOW_LINKS)).toList();
        return Optional.of(Json.bytes(new Details(RunReader.read(dir.get()), documents.configYaml(),
                documents.overrides(), tree(documents.provenanceJson()), tree(documents.summaryJson()), files,
                sessions.get().contains(id))));
    }

    Optional<String> report(String id) {
        return folder.run(id).map(dir -> RunReport.render(RunReader.read(dir), RunDocuments.read(dir)));
    }

    /** A listed file of a run; empty for any other name, a missing file, or one that must not be read. */
    Optional<byte[]> file(String id, String name) {
        Optional<Path> dir = folder.run(id);
        if (dir.isEmpty() || !FILES.containsKey(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunFileReader.bytes(dir.get().resolve(name), RunFileReader.MAX_FILE_BYTES));
        } catch (RunFileReader.Unreadable e) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : TREES.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
