package dev.dl4jrunner.cli;

import dev.dl4jrunner.ui.UiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code runner ui}: the web UI for a runs directory, until Ctrl-C. */
@Command(name = "ui", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Serves a runs directory in the browser: the runs page (/runs: the sortable runs table, "
                + "validation curves of the runs you tick overlaid, their differing hyperparameters, each run's "
                + "plots, config and provenance) and DL4J's training UI (/train) with a session per run.",
                "Runs that start later appear as they start; training started in this runs directory while the UI "
                        + "runs sends its statistics here live. Ctrl-C stops the server."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "2:The server cannot start (the port is taken, the address is not this machine's) or a bad "
                        + "command line.",
                "130:Stopped by Ctrl-C (or any exit code the signal gives)."})
final class UiCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs",
            description = "The runs directory to serve, created if missing (default: ${DEFAULT-VALUE}).")
    private Path runsDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000",
            description = "The port to listen on; 0 takes any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for "
                    + "every network, with no password).")
    private String bind;

    @Mixin
    private StacktraceOption stacktrace;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new RunnerException(ExitCode.BAD_INPUT, "--port must be between 0 and 65535, found " + port);
        }
        UiServer server;
        try {
            server = UiServer.start(runsDir, bind, port);
        } catch (UiServer.CannotStartException e) {
            throw new RunnerException(ExitCode.BAD_INPUT, e.getMessage() + " (choose another with --port or --bind)",
                    e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "runs-ui-stop"));
        String shown = "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Runs:         " + shown + "/runs");
        out.println("DL4J UI:      " + shown + "/train  (a session per run)");
        out.println("Runs directory: " + server.folder().dir() + " (" + server.folder().runs().size()
                + " runs; new ones appear as they start, training started here is shown live)");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        new CountDownLatch(1).await();
        return ExitCode.OK;
    }
}
