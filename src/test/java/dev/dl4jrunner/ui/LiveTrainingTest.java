package dev.dl4jrunner.ui;

import dev.dl4jrunner.SharedData;
import dev.dl4jrunner.TinyExperiment;
import dev.dl4jrunner.run.UiAddress;
import dev.dl4jrunner.runs.RunsFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny training started while {@code runner ui} serves its runs directory: it shows up live, the UI goes away
 * mid-run without harm, and a UI started afterwards serves the finished run's DL4J session from its file.
 */
class LiveTrainingTest {
    @TempDir
    Path temp;

    @Test
    void aRunTrainingNextToTheUiShowsUpLiveAndSurvivesTheUiGoingAway() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        Path yaml = TinyExperiment.write(temp, SharedData.trainDir());
        UiServer ui = UiServer.start(runs, "127.0.0.1", 0);
        CompletableFuture<Integer> training;
        String runId;
        try {
            training = CompletableFuture.supplyAsync(() -> train(yaml, runs));
            runId = waitForLiveSession(ui, training);
            assertThat(runId).endsWith("_tiny");
            HttpResponse<String> listing = Http.get(ui.address(), "/api/runs");
            assertThat(listing.body()).contains(runId).contains("\"status\" : \"running\"");
            HttpResponse<String> overview = dl4jPage(ui, runId);
            assertThat(overview.statusCode()).as("DL4J's page for the live session").isEqualTo(200);
            assertThat(overview.body()).contains("DL4J Training UI");
        } finally {
            ui.close();
        }
        assertThat(UiAddress.file(runs)).as("removed when the UI stops").doesNotExist();
        assertThat(training.get(3, TimeUnit.MINUTES)).as("the run does not notice the UI went away").isZero();
        Path run = runs.resolve(runId);
        assertThat(Files.readString(run.resolve("summary.json"))).contains("\"status\" : \"completed\"");
        assertThat(Files.readString(run.resolve("train.log"))).contains("Runs UI at http://127.0.0.1:");
        assertThat(run.resolve("report.html")).isNotEmptyFile();

        try (UiServer again = UiServer.start(runs, "127.0.0.1", 0)) {
            HttpResponse<String> overview = Http.get(again.address(), "/train/" + runId + "/overview");
            assertThat(overview.statusCode()).as("DL4J's page from the run's stats.dl4j").isEqualTo(200);
            assertThat(Http.get(again.address(), "/train/" + runId + "/overview/data").body())
                    .contains("\"scores\"");
            assertThat(again.liveSessions()).isEmpty();
        }
    }

    private static int train(Path yaml, Path runs) {
        var commandLine = dev.dl4jrunner.cli.Cli.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(yaml.toString(), "--runs-dir", runs.toString(), "--set", "training.epochs=2",
                "--set", "data.limit_per_class=24");
    }

    /** DL4J's overview of a session; DL4J's UI learns of new sessions every half second, so ask for a while. */
    private static HttpResponse<String> dl4jPage(UiServer ui, String runId) throws Exception {
        HttpResponse<String> page = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            page = Http.get(ui.address(), "/train/" + runId + "/overview");
            if (page.statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        return page;
    }

    /** The run's id once its statistics reached the UI's remote receiver. */
    private static String waitForLiveSession(UiServer ui, CompletableFuture<Integer> training) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!ui.liveSessions().isEmpty()) {
                return ui.liveSessions().iterator().next();
            }
            assertThat(training).as("training ended before its statistics reached the UI").isNotDone();
            Thread.sleep(200);
        }
        throw new AssertionError("no live session after 120 s; runs: " + new RunsFolder(ui.folder().dir()).runs());
    }
}
