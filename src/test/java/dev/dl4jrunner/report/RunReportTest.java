package dev.dl4jrunner.report;

import dev.dl4jrunner.run.RunDirectory;
import dev.dl4jrunner.runs.RunsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportTest {
    @TempDir
    Path temp;

    @Test
    void aReportIsOneSelfContainedPageWithCurvesConfigAndProvenance() {
        String html = ReportFile.render(new RunDirectory(RunsFixture.SOURCE.resolve(RunsFixture.LR_1E3)
                .toAbsolutePath()));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>" + RunsFixture.LR_1E3);
        assertThat(html).as("nothing to fetch").doesNotContain("<script", "<link", "src=", "url(", "@import")
                .doesNotContainPattern("href=\"https?:");
        assertThat(html.split("<svg ", -1)).as("a loss and an accuracy chart").hasSize(3);
        assertThat(html).contains("training loss", "validation loss", "validation accuracy", "best epoch (3)",
                "overfitting", "after epoch 3", "0.4981", "0.7379");
        assertThat(html).as("every epoch").contains("<td>8</td>").contains("<tr class=\"best\"><td>3</td>");
        assertThat(html).as("config.yaml").contains("learning_rate: 0.001");
        assertThat(html).as("overrides").contains("optimizer.learning_rate=1e-3");
        assertThat(html).as("provenance").contains("<th>dataset.images_per_class.cat</th><td>2000</td>");
        assertThat(html).as("summary").contains("<th>status</th><td>completed</td>");
    }

    @Test
    void aDamagedRunStillGetsAReportWithItsNotes() {
        String html = ReportFile.render(new RunDirectory(RunsFixture.SOURCE.resolve(RunsFixture.DAMAGED)
                .toAbsolutePath()));
        assertThat(html).contains("config.yaml missing", "config.yaml could not be read",
                "summary.json could not be read", "<svg ");
    }

    @Test
    void whatARunDirectorySaysIsEscaped() throws IOException {
        Path run = RunsFixture.copyTo(temp.resolve("runs")).resolve(RunsFixture.LR_1E4);
        Files.writeString(run.resolve("overrides.txt"), "name=</pre><script>alert(1)</script>\n");
        Files.writeString(run.resolve("summary.json"), "{\"status\": \"failed\", \"error\": \"<img src=x onerror=alert(1)>\"}");
        String html = ReportFile.render(new RunDirectory(run.toAbsolutePath()));
        assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void ticksAreRound() {
        assertThat(SvgChart.ticks(0.41, 0.83)).containsExactly(0.5, 0.6, 0.7, 0.8);
        assertThat(SvgChart.ticks(0.05, 0.95)).containsExactly(0.2, 0.4, 0.6, 0.8);
        assertThat(SvgChart.ticks(0, 1)).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
    }
}
