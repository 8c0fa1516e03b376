package dev.dl4jrunner.report;

import dev.dl4jrunner.run.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The walk-through's bonus plots: training vs validation per epoch, one chart for loss and one for accuracy. */
public final class CurvePlots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private CurvePlots() {
    }

    /** One curve per split, indexed by epoch (1-based). */
    public record Curves(List<Integer> epochs, List<Double> train, List<Double> validation) {
    }

    public static void write(Path png, String quantity, Curves curves) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training and validation " + quantity)
                .xAxisTitle("epoch").yAxisTitle(quantity).build();
        // Below the plot: inside, the legend would hide the end of a rising or falling curve.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.addSeries("training", curves.epochs(), curves.train());
        chart.addSeries("validation", curves.epochs(), curves.validation());
        AtomicFiles.write(png, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
