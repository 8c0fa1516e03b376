package dev.dl4jrunner.cli;

import dev.dl4jrunner.infer.Predictor;

import java.io.PrintWriter;
import java.util.Locale;

/** A line every 10 seconds while {@code evaluate} or {@code predict} works through many images. */
final class InferenceProgress implements Predictor.Progress {
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    InferenceProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void update(int done, int total) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS || done >= total) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        double rate = done / seconds;
        out.printf(Locale.ROOT, "  %d/%d images  %.1f img/s  ETA %s%n", done, total, rate,
                duration((total - done) / rate));
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
