package dev.dl4jrunner.cli;

/** Ends a command with a message for the user and an {@link ExitCode}; never shown with a stack trace. */
final class RunnerException extends RuntimeException {
    private final int exitCode;

    RunnerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    RunnerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
