package dev.dl4jrunner.train;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request from outside (Ctrl-C, SIGTERM, a test) to stop training. The loop polls it after every batch and, when
 * it is set, checkpoints and returns; a run can also leave a last word to record should the process have to end
 * at once, before the loop gets there.
 */
public final class StopRequest {
    private volatile boolean requested;
    private final AtomicReference<Runnable> lastWord = new AtomicReference<>(() -> { });

    /** Asks the loop to stop after the current batch. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Runs the last word, if any; for whoever is about to end the process without waiting for the loop. */
    public void sayLastWord() {
        lastWord.getAndSet(() -> { }).run();
    }

    /** What to record if the process ends at once; replaces the previous one. */
    void onImmediateExit(Runnable action) {
        lastWord.set(action);
    }
}
