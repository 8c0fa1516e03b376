package dev.dl4jrunner.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jrunner.run.UiAddress;
import dev.dl4jrunner.runs.RunsFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code runner ui} over the golden runs directory: the JSON behind the page, hostile paths, and the page in chromium. */
class RunsUiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    static Path runs;
    static UiServer server;
    static URI address;

    @BeforeAll
    static void serve() throws Exception {
        runs = RunsFixture.copyTo(temp.resolve("runs"));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "root:x:0:0:secret\n");
        Files.createSymbolicLink(runs.resolve("2026-11-29_09-00-00_outside"), temp);
        Path linked = runs.resolve(RunsFixture.LR_1E5);
        Files.delete(linked.resolve("metrics.csv"));
        Files.createSymbolicLink(linked.resolve("metrics.csv"), secret);
        server = UiServer.start(runs, "127.0.0.1", 0);
        address = server.address();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServerAnnouncesItselfInTheRunsDirectoryOnLocalhostOnly() {
        assertThat(address.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(UiAddress.read(runs)).contains(address);
    }

    @Test
    void theRunsEndpointListsEveryRunWithItsCurves() throws Exception {
        HttpResponse<String> response = Http.get(address, "/api/runs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode listing = JSON.readTree(response.body());
        assertThat(listing.get("runs_dir").asText()).isEqualTo(runs.toAbsolutePath().normalize().toString());
        assertThat(listing.get("differing").toString()).isEqualTo("[\"optimizer.learning_rate\"]");
        assertThat(listing.get("runs").findValuesAsText("id")).containsExactly(RunsFixture.LR_1E3,
                RunsFixture.LR_1E4, RunsFixture.LR_1E5, RunsFixture.KILLED, RunsFixture.DAMAGED);
        JsonNode first = listing.get("runs").get(0);
        assertThat(first.get("epochs")).hasSize(8);
        assertThat(first.get("epochs").get(2).get("val_loss").asDouble()).isEqualTo(0.498075);
        assertThat(first.get("config").get("optimizer.learning_rate").asText()).isEqualTo("0.001");
        assertThat(listing.get("runs").get(2).get("notes").toString())
                .contains("metrics.csv is a symbolic link; not followed");
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void aRunsDetailsCarryItsDocuments() throws Exception {
        HttpResponse<String> response = Http.get(address, "/api/runs/" + RunsFixture.LR_1E4);
        JsonNode details = JSON.readTree(response.body());
        assertThat(details.get("run").get("id").asText()).isEqualTo(RunsFixture.LR_1E4);
        assertThat(details.get("config_yaml").asText()).contains("learning_rate: 1e-4");
        assertThat(details.get("provenance").get("dataset").get("train_images").asInt()).isEqualTo(3200);
        assertThat(details.get("summary").get("status").asText()).isEqualTo("completed");
        assertThat(details.get("files").toString()).contains("metrics.csv", "config.yaml");
        assertThat(Http.get(address, "/runs/" + RunsFixture.LR_1E4 + "/files/metrics.csv").body())
                .startsWith("epoch,train_loss");
        HttpResponse<String> report = Http.get(address, "/runs/" + RunsFixture.LR_1E4 + "/report.html");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("<svg ", RunsFixture.LR_1E4);
        assertThat(Http.get(address, "/api/runs/" + RunsFixture.DAMAGED).statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOutsideTheRunsDirectoryCanBeRead() throws Exception {
        String outside = "2026-11-29_09-00-00_outside";
        for (String path : List.of("/runs/../../../../etc/passwd", "/assets/../../../../../etc/passwd",
                "/runs/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/runs/%252e%252e/x/files/config.yaml",
                "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd", "/runs/" + RunsFixture.LR_1E4 + "/files/..%2f..%2fsecret.txt",
                "/runs/" + RunsFixture.LR_1E4 + "/files/checkpoints%2flast.zip", "/runs/..%5c..%5csecret.txt",
                "/runs/" + outside + "/files/config.yaml", "/api/runs/" + outside, "/runs/" + outside + "/report.html",
                "/runs/" + RunsFixture.LR_1E5 + "/files/metrics.csv", "/api/runs/..", "/runs/.ui/files/config.yaml",
                "/runs/assets/..%2f..%2f..%2fapp.js", "/runs/assets/secret.txt")) {
            String response = Http.raw(server.port(), path);
            assertThat(response).as(path).matches("(?s)HTTP/1\\.1 (400|404) .*").doesNotContain("root:x");
        }
    }

    @Test
    void thePageShowsEveryRunAndDrawsTheCharts() throws Exception {
        Path chromium = Chromium.find().orElse(null);
        assertThat(chromium != null || !"true".equals(System.getenv("CI")))
                .as("CI installs chromium (.ci/run); the browser test must not be skipped there").isTrue();
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed here (apt-get install -y chromium; .ci/run installs it)");
        Path profile = Files.createDirectories(temp.resolve("chromium-profile"));
        String dom = Chromium.dumpDom(chromium, address + "/runs", profile);
        assertThat(dom).contains("data-ready=\"true\"");
        for (String run : List.of(RunsFixture.LR_1E3, RunsFixture.LR_1E4, RunsFixture.LR_1E5)) {
            assertThat(dom).contains("data-run=\"" + run + "\"");
        }
        assertThat(dom).containsPattern("id=\"chart-loss\" class=\"chart\" data-series=\"[45]\"")
                .containsPattern("id=\"chart-accuracy\" class=\"chart\" data-series=\"[45]\"")
                .contains("<canvas", "class=\"u-legend");
        assertThat(dom).as("the winner is starred").containsPattern("winner[^>]*data-run=\"" + RunsFixture.LR_1E4);
        Path screenshot = Path.of("target/runs-ui.png");
        Chromium.screenshot(chromium, address + "/runs", screenshot, profile, 1300);
        assertThat(screenshot).isNotEmptyFile();
    }
}
