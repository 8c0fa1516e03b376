package dev.dl4jrunner.train;

import dev.dl4jrunner.run.RunDirectory;

/** Training started but did not finish; the run directory keeps everything written until then. */
public final class TrainingFailedException extends Exception {
    private final RunDirectory run;

    TrainingFailedException(RunDirectory run, Throwable cause) {
        super(describe(cause), cause);
        this.run = run;
    }

    public RunDirectory run() {
        return run;
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
