package dev.dl4jrunner.report;

import dev.dl4jrunner.runs.Best;
import dev.dl4jrunner.runs.EpochRow;
import dev.dl4jrunner.runs.RunDocuments;
import dev.dl4jrunner.runs.RunRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code report.html}: one run on one self-contained page (inline CSS and SVG, no script, nothing fetched) with its
 * headline numbers, the loss and accuracy curves, every epoch, the config, the overrides and the provenance; it can
 * be mailed, archived or opened from a file browser.
 */
public final class RunReport {
    static final String TRAIN_COLOR = "#2563eb";
    static final String VALIDATION_COLOR = "#ea580c";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    private RunReport() {
    }

    public static String render(RunRecord run, RunDocuments documents) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(run.id())).append(" - dl4j-runner report</title>")
                .append("<style>").append(STYLE).append("</style></head><body><main>");
        html.append("<header><p class=\"kicker\">dl4j-runner run report</p><h1>").append(Html.escape(run.id()))
                .append("</h1><p><span class=\"status ").append(run.status().label()).append("\">")
                .append(run.status().label()).append("</span> ")
                .append(run.startedAt() == null ? "" : "started " + TIME.format(run.startedAt()))
                .append("</p></header>");
        headline(run, html);
        if (run.error() != null) {
            html.append("<section class=\"error\"><h2>Error</h2><pre>").append(Html.escape(run.error()))
                    .append("</pre></section>");
        }
        if (!run.notes().isEmpty()) {
            html.append("<section class=\"notes\"><h2>Notes</h2><ul>");
            run.notes().forEach(note -> html.append("<li>").append(Html.escape(note)).append("</li>"));
            html.append("</ul></section>");
        }
        if (!run.epochs().isEmpty()) {
            html.append("<section class=\"charts\"><div>").append(chart(run, "loss", EpochRow::trainLoss,
                            EpochRow::valLoss).render()).append("</div><div>")
                    .append(chart(run, "accuracy", EpochRow::trainAccuracy, EpochRow::valAccuracy).render())
                    .append("</div></section>");
            epochs(run, html);
        }
        html.append("<section class=\"columns\"><div><h2>Config</h2>");
        pre(documents.configYaml(), "config.yaml could not be read", html);
        if (documents.overrides() != null && !documents.overrides().isBlank()) {
            html.append("<h3>Overrides (--set)</h3>");
            pre(documents.overrides(), "", html);
        }
        html.append("</div><div><h2>Provenance</h2>");
        table(documents.provenanceJson(), "provenance.json could not be read", html);
        html.append("<h2>Summary</h2>");
        table(documents.summaryJson(), "summary.json could not be read", html);
        html.append("</div></section>");
        html.append("<footer>Written by dl4j-runner from the files of ").append(Html.escape(run.id()))
                .append(". Self-contained: nothing is loaded from elsewhere.</footer>");
        return html.append("</main></body></html>\n").toString();
    }

    private static void headline(RunRecord run, StringBuilder html) {
        html.append("<section class=\"cards\">");
        card("Epochs", run.epochsCompleted() + " / " + (run.epochsPlanned() == null ? "?" : run.epochsPlanned()), "",
                html);
        card("Best val accuracy", value(run.bestValAccuracy()), epoch(run.bestValAccuracy()), html);
        card("Best val loss", value(run.bestValLoss()), epoch(run.bestValLoss()), html);
        card("Overfitting", run.overfittingAfter() == null ? "not seen" : "after epoch " + run.overfittingAfter(),
                run.overfittingAfter() == null ? "" : "val loss rose while train loss fell", html);
        card("Wall time", duration(run.wallSeconds()), "", html);
        html.append("</section>");
    }

    private static void card(String title, String value, String detail, StringBuilder html) {
        html.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(title))
                .append("</div><div class=\"value\">").append(Html.escape(value)).append("</div><div class=\"detail\">")
                .append(Html.escape(detail)).append("</div></div>");
    }

    private static SvgChart chart(RunRecord run, String quantity, Function<EpochRow, Double> train,
                                  Function<EpochRow, Double> validation) {
        List<Integer> epochs = run.epochs().stream().map(EpochRow::epoch).toList();
        SvgChart chart = new SvgChart("Training and validation " + quantity, quantity)
                .add(new SvgChart.Series("training " + quantity, TRAIN_COLOR, true, epochs,
                        run.epochs().stream().map(train).toList()))
                .add(new SvgChart.Series("validation " + quantity, VALIDATION_COLOR, false, epochs,
                        run.epochs().stream().map(validation).toList()));
        Best best = quantity.equals("loss") ? run.bestValLoss() : run.bestValAccuracy();
        if (best != null) {
            chart.mark(best.epoch(), "best epoch (" + best.epoch() + ")");
        }
        if (run.overfittingAfter() != null) {
            chart.shadeFrom(run.overfittingAfter(), "overfitting");
        }
        return chart;
    }

    private static void epochs(RunRecord run, StringBuilder html) {
        html.append("<section><h2>Epochs</h2><div class=\"scroll\"><table class=\"epochs\"><thead><tr><th>epoch</th>"
                + "<th>train loss</th><th>train acc</th><th>val loss</th><th>val acc</th><th>val F1</th>"
                + "<th>learning rate</th><th>seconds</th><th>img/s</th></tr></thead><tbody>");
        for (EpochRow row : run.epochs()) {
            boolean best = run.bestValLoss() != null && run.bestValLoss().epoch() == row.epoch();
            html.append(best ? "<tr class=\"best\">" : "<tr>").append("<td>").append(row.epoch()).append("</td>");
            for (Double value : new Double[] {row.trainLoss(), row.trainAccuracy(), row.valLoss(), row.valAccuracy(),
                    row.valF1()}) {
                html.append("<td>").append(value == null ? "" : String.format(Locale.ROOT, "%.4f", value))
                        .append("</td>");
            }
            html.append("<td>").append(row.learningRate() == null ? "" : String.format(Locale.ROOT, "%.3g",
                    row.learningRate())).append("</td><td>").append(row.seconds() == null ? ""
                    : String.format(Locale.ROOT, "%.1f", row.seconds())).append("</td><td>")
                    .append(row.imagesPerSecond() == null ? "" : String.format(Locale.ROOT, "%.1f",
                            row.imagesPerSecond())).append("</td></tr>");
        }
        html.append("</tbody></table></div><p class=\"hint\">The highlighted epoch has the lowest validation loss."
                + "</p></section>");
    }

    private static void pre(String text, String missing, StringBuilder html) {
        html.append(text == null ? "<p class=\"hint\">" + Html.escape(missing) + "</p>"
                : "<pre>" + Html.escape(text) + "</pre>");
    }

    private static void table(String json, String missing, StringBuilder html) {
        List<JsonRows.Row> rows = json == null ? List.of() : JsonRows.of(json);
        if (rows.isEmpty()) {
            html.append("<p class=\"hint\">").append(Html.escape(missing)).append("</p>");
            return;
        }
        html.append("<table class=\"keys\"><tbody>");
        rows.forEach(row -> html.append("<tr><th>").append(Html.escape(row.key())).append("</th><td>")
                .append(Html.escape(row.value())).append("</td></tr>"));
        html.append("</tbody></table>");
    }

    private static String value(Best best) {
        return best == null ? "-" : String.format(Locale.ROOT, "%.4f", best.value());
    }

    private static String epoch(Best best) {
        return best == null ? "" : "epoch " + best.epoch();
    }

    private static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    private static final String STYLE = """
            :root{color-scheme:light;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc}
            *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);
            font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
            h1{font-size:22px;margin:2px 0 6px;word-break:break-all}h2{font-size:16px;margin:28px 0 10px}
            h3{font-size:14px;margin:18px 0 6px}.kicker{margin:0;color:var(--muted);text-transform:uppercase;
            letter-spacing:.06em;font-size:12px}header p{margin:0;color:var(--muted)}
            .status{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;
            background:#e5e7eb;color:#374151;margin-right:6px}.status.completed{background:#dcfce7;color:#166534}
            .status.running{background:#dbeafe;color:#1e40af}.status.failed,.status.killed{background:#fee2e2;
            color:#991b1b}.status.interrupted{background:#fef3c7;color:#92400e}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin-top:20px}
            .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
            .card .label{color:var(--muted);font-size:12px}.card .value{font-size:22px;font-weight:650}
            .card .detail{color:var(--muted);font-size:12px;min-height:18px}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;margin-top:20px}
            .charts>div{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px}
            svg.chart{width:100%;height:auto;display:block}
            .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:24px}
            pre{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px;overflow:auto;
            font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;margin:0}
            table{border-collapse:collapse;background:#fff;width:100%}.scroll{overflow:auto;border:1px solid
            var(--line);border-radius:10px}.epochs th,.epochs td{padding:5px 10px;text-align:right;
            border-bottom:1px solid var(--line);font-variant-numeric:tabular-nums;white-space:nowrap}
            .epochs th{background:#f3f4f6;font-weight:600}.epochs tr.best td{background:#dcfce7;font-weight:600}
            .keys{border:1px solid var(--line);border-radius:10px}.keys th,.keys td{padding:4px 10px;
            border-bottom:1px solid var(--line);text-align:left;vertical-align:top;font-size:12.5px}
            .keys th{color:var(--muted);font-weight:500;white-space:nowrap}.keys td{word-break:break-all}
            .hint{color:var(--muted);font-size:12px}.error pre{border-color:#fecaca;background:#fef2f2}
            .notes li{color:#92400e}footer{margin-top:36px;color:var(--muted);font-size:12px}
            """;
}
