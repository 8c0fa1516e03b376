package dev.dl4jrunner.infer;

/**
 * A run, checkpoint or set of images that {@code evaluate} or {@code predict} cannot use; the message says which
 * and why. {@link #notARun()} tells a path that is no run directory at all (exit code 3) from the rest (2).
 */
public final class InferenceException extends Exception {
    private final boolean notARun;

    private InferenceException(String message, boolean notARun, Throwable cause) {
        super(message, cause);
        this.notARun = notARun;
    }

    static InferenceException notARun(String message) {
        return new InferenceException(message, true, null);
    }

    static InferenceException unusable(String message) {
        return new InferenceException(message, false, null);
    }

    static InferenceException unusable(String message, Throwable cause) {
        return new InferenceException(message, false, cause);
    }

    public boolean notARun() {
        return notARun;
    }
}
