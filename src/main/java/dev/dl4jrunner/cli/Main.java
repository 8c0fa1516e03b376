package dev.dl4jrunner.cli;

import dev.dl4jrunner.launch.LaunchedProcess;
import dev.dl4jrunner.launch.Launcher;

import java.util.OptionalInt;

/**
 * Entry point of {@code java -jar runner.jar}: a command that trains or runs a network goes to a JVM with a tuned
 * environment ({@link Launcher}); the rest, and that JVM, run the command line here.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OptionalInt childExitCode = Launcher.runTunedIfUseful(args);
        if (childExitCode.isPresent()) {
            System.exit(childExitCode.getAsInt());
        }
        LaunchedProcess.current().ifPresent(LaunchedProcess::haltWhenLauncherEnds);
        System.exit(Cli.commandLine().execute(args));
    }
}
