package dev.dl4jrunner.cli;

/** The runner's few exit codes, the same for every subcommand. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int TRAINING_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int MISSING_RUN = 3;
    public static final int INTERNAL_ERROR = 4;
    /** Stopped by Ctrl-C or SIGTERM after a checkpoint; {@code resume} continues the run. 128 + SIGINT, as shells. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
