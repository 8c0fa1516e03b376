package dev.dl4jrunner.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of per-epoch curves as inline SVG: no script, no fonts to fetch, sharp at any size. Each point has a
 * tooltip; a marked epoch (the best) gets a dashed line, and a shaded span the epochs after overfitting began.
 */
public final class SvgChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 340;
    private static final int LEFT = 58;
    private static final int RIGHT = 18;
    private static final int TOP = 14;
    private static final int BOTTOM = 62;

    /** One curve: a value per epoch, null where there is none. */
    public record Series(String label, String color, boolean dashed, List<Integer> epochs, List<Double> values) {
        public Series {
            epochs = List.copyOf(epochs);
            values = new ArrayList<>(values);
        }
    }

    private final String title;
    private final String quantity;
    private final List<Series> series = new ArrayList<>();
    private Integer markedEpoch;
    private String markLabel;
    private Integer shadedFrom;
    private String shadeLabel;

    public SvgChart(String title, String quantity) {
        this.title = title;
        this.quantity = quantity;
    }

    public SvgChart add(Series curve) {
        series.add(curve);
        return this;
    }

    public SvgChart mark(int epoch, String label) {
        markedEpoch = epoch;
        markLabel = label;
        return this;
    }

    public SvgChart shadeFrom(int epoch, String label) {
        shadedFrom = epoch;
        shadeLabel = label;
        return this;
    }

    public String render() {
        int maxEpoch = Math.max(2, series.stream().flatMap(s -> s.epochs().stream()).mapToInt(e -> e).max().orElse(2));
        double[] range = valueRange();
        Scale x = new Scale(1, maxEpoch, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(range[0], range[1], HEIGHT - BOTTOM, TOP);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
                + "<title>%s</title>", WIDTH, HEIGHT, Html.escape(title)));
        if (shadedFrom != null) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                            + "fill=\"#fdf0f0\"><title>%s</title></rect><text x=\"%.1f\" y=\"%d\" fill=\"#b91c1c\" "
                            + "font-size=\"11\">%s</text>", x.at(shadedFrom), TOP, x.at(maxEpoch) - x.at(shadedFrom),
                    HEIGHT - BOTTOM - TOP, Html.escape(shadeLabel), x.at(shadedFrom) + 4, TOP + 12,
                    Html.escape(shadeLabel)));
        }
        for (double tick : ticks(range[0], range[1])) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#6b7280\">%s</text>",
                    LEFT, WIDTH - RIGHT, y.at(tick), y.at(tick), LEFT - 6, y.at(tick) + 4, label(tick)));
        }
        int step = Math.max(1, (int) Math.ceil(maxEpoch / 12.0));
        for (int epoch = 1; epoch <= maxEpoch; epoch += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#6b7280\">"
                    + "%d</text>", x.at(epoch), HEIGHT - BOTTOM + 16, epoch));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#9ca3af\"/>",
                LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#374151\">epoch"
                + "</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - BOTTOM + 32));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\" "
                + "fill=\"#374151\">%s</text>", (TOP + HEIGHT - BOTTOM) / 2, Html.escape(quantity)));
        if (markedEpoch != null) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#16a34a\" "
                            + "stroke-dasharray=\"4 3\"><title>%s</title></line>", x.at(markedEpoch),
                    x.at(markedEpoch), TOP, HEIGHT - BOTTOM, Html.escape(markLabel)));
        }
        for (Series curve : series) {
            svg.append(path(curve, x, y));
        }
        svg.append(legend());
        return svg.append("</svg>").toString();
    }

    private String path(Series curve, Scale x, Scale y) {
        StringBuilder d = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < curve.epochs().size(); i++) {
            Double value = curve.values().get(i);
            if (value == null) {
                pen = false;
                continue;
            }
            int epoch = curve.epochs().get(i);
            d.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x.at(epoch), y.at(value)));
            pen = true;
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>"
                            + "epoch %d: %s %s</title></circle>", x.at(epoch), y.at(value), curve.color(), epoch,
                    Html.escape(curve.label()), label4(value)));
        }
        return String.format(Locale.ROOT, "<g><path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%s</g>",
                d.toString().strip(), curve.color(), curve.dashed() ? " stroke-dasharray=\"6 4\"" : "", dots);
    }

    private String legend() {
        StringBuilder legend = new StringBuilder();
        double at = LEFT;
        int row = HEIGHT - 14;
        for (Series curve : series) {
            legend.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                            + "stroke-width=\"2\"%s/><text x=\"%.1f\" y=\"%d\" fill=\"#374151\">%s</text>", at, at + 22,
                    row - 4, row - 4, curve.color(), curve.dashed() ? " stroke-dasharray=\"6 4\"" : "", at + 28, row,
                    Html.escape(curve.label())));
            at += 40 + curve.label().length() * 7;
        }
        if (markedEpoch != null) {
            legend.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                            + "stroke=\"#16a34a\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"#374151\">"
                            + "%s</text>", at, at + 22, row - 4, row - 4, at + 28, row, Html.escape(markLabel)));
        }
        return legend.toString();
    }

    private double[] valueRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series curve : series) {
            for (Double value : curve.values()) {
                if (value != null) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        double pad = Math.max((max - min) * 0.08, 1e-3);
        return new double[] {min - pad, max + pad};
    }

    /** About five round ticks between {@code min} and {@code max}. */
    static List<Double> ticks(double min, double max) {
        double raw = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double ratio = raw / magnitude;
        double step = (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10) * magnitude;
        List<Double> ticks = new ArrayList<>();
        BigDecimal decimalStep = BigDecimal.valueOf(step);
        for (long i = (long) Math.ceil(min / step); i * step <= max + step * 1e-9; i++) {
            ticks.add(BigDecimal.valueOf(i).multiply(decimalStep).doubleValue());
        }
        return ticks;
    }

    private static String label(double tick) {
        String text = String.format(Locale.ROOT, "%.3f", tick).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String label4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double value) {
            return pixelFrom + (value - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
