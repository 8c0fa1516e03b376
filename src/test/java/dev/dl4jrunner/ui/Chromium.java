package dev.dl4jrunner.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's chromium, headless: the page's DOM after its scripts ran, and screenshots. */
final class Chromium {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--virtual-time-budget=10000");

    private Chromium() {
    }

    static Optional<Path> find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    static String dumpDom(Path chromium, String url, Path profile) throws IOException, InterruptedException {
        return run(chromium, profile, List.of("--window-size=1440,1200", "--dump-dom", url));
    }

    static void screenshot(Path chromium, String url, Path png, Path profile, int height)
            throws IOException, InterruptedException {
        run(chromium, profile, List.of("--window-size=1440," + height, "--screenshot=" + png.toAbsolutePath(), url));
    }

    private static String run(Path chromium, Path profile, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--user-data-dir=" + profile));
        command.addAll(FLAGS);
        command.addAll(arguments);
        Path output = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish in 90 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
