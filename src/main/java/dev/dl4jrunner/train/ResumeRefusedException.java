package dev.dl4jrunner.train;

/** {@code resume} cannot continue this run; the message says why and what to do instead. */
public final class ResumeRefusedException extends Exception {
    private final boolean notARun;

    private ResumeRefusedException(String message, boolean notARun, Throwable cause) {
        super(message, cause);
        this.notARun = notARun;
    }

    static ResumeRefusedException notARun(String message) {
        return new ResumeRefusedException(message, true, null);
    }

    static ResumeRefusedException refused(String message) {
        return new ResumeRefusedException(message, false, null);
    }

    static ResumeRefusedException refused(String message, Throwable cause) {
        return new ResumeRefusedException(message, false, cause);
    }

    /** True when the path given is no run directory at all, rather than a run that cannot continue. */
    public boolean notARun() {
        return notARun;
    }
}
