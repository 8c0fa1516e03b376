package dev.dl4jrunner.cli;

import picocli.CommandLine.Option;

/** {@code --stacktrace}, on every command; {@link Cli}'s error handler reads it from the parse result. */
final class StacktraceOption {
    @Option(names = "--stacktrace", description = "Prints the stack trace of an error along with its message.")
    private boolean stacktrace;
}
