package dev.dl4jrunner.launch;

import java.time.Duration;
import java.util.Optional;

/**
 * The JVM a {@link Launcher} started: it knows its launcher, ends when the launcher ends (a kill -9 of the command
 * a user started must stop the training), and counts a command's start from the launcher's.
 */
public final class LaunchedProcess {
    /** The environment variable through which the child learns its launcher's process id. */
    static final String LAUNCHER_PID = "DL4J_RUNNER_LAUNCHER_PID";
    /**
     * Two deliveries of the same signal closer than this are one event: a terminal's Ctrl-C and Slurm's SIGTERM reach
     * both processes, and the launcher forwards its copy within milliseconds. A user's second Ctrl-C comes later.
     */
    public static final Duration SAME_SIGNAL = Duration.ofSeconds(1);
    private static final Duration LAUNCHER_CHECK = Duration.ofMillis(200);
    private static final int KILLED_EXIT = 128 + 9;

    private final ProcessHandle launcher;

    private LaunchedProcess(ProcessHandle launcher) {
        this.launcher = launcher;
    }

    /** This JVM's launcher, if a launcher started it. */
    public static Optional<LaunchedProcess> current() {
        String pid = System.getenv(LAUNCHER_PID);
        if (pid == null) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(LaunchedProcess::new);
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** How long ago the command started: the launcher's start if there is one, else this process's. */
    public static Duration commandAge() {
        return ProcessStart.age(current().map(launched -> launched.launcher).orElse(ProcessHandle.current()));
    }

    /** Ends this JVM at once when the launcher has gone, as the launcher's own kill -9 would have. */
    public void haltWhenLauncherEnds() {
        Thread watch = new Thread(() -> {
            while (launcher.isAlive()) {
                try {
                    Thread.sleep(LAUNCHER_CHECK.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("The runner's launcher process (pid " + launcher.pid() + ") ended; stopping at once. "
                    + "The run continues from its last checkpoint when resumed.");
            Runtime.getRuntime().halt(KILLED_EXIT);
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
