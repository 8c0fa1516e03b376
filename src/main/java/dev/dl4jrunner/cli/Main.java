package dev.dl4jrunner.cli;

/** Entry point of {@code java -jar runner.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.commandLine().execute(args));
    }
}
