package dev.dl4jrunner.cli;

import dev.dl4jrunner.launch.LaunchedProcess;
import dev.dl4jrunner.train.StopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * While a run trains, turns Ctrl-C (SIGINT) and SIGTERM into a {@link StopRequest}: the first one lets the current
 * batch finish and a checkpoint be written; a second one records the run as interrupted and ends the process at
 * once, which loses nothing already written because every file is replaced atomically.
 *
 * <p>Under the runner's {@link dev.dl4jrunner.launch.Launcher} a terminal's Ctrl-C or Slurm's SIGTERM reaches this
 * JVM twice, directly and forwarded by the launcher, within milliseconds: the same signal again within
 * {@link LaunchedProcess#SAME_SIGNAL} counts once.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way to handle a signal without starting the JVM's
 * shutdown, during which the training thread could not finish its batch and exit cleanly.
 */
final class InterruptSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptSignals.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final StopRequest stop;
    private final Duration sameSignal;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private int received;
    private String lastName;
    private long lastNanos;

    /** What one delivery of a signal does. */
    enum Reaction { STOP_AFTER_BATCH, STOP_AT_ONCE, ALREADY_COUNTED }

    InterruptSignals(StopRequest stop, Duration sameSignal) {
        this.stop = stop;
        this.sameSignal = sameSignal;
    }

    static InterruptSignals install(StopRequest stop) {
        Duration sameSignal = LaunchedProcess.current().isPresent() ? LaunchedProcess.SAME_SIGNAL : Duration.ZERO;
        InterruptSignals signals = new InterruptSignals(stop, sameSignal);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                signals.previous.put(signal, Signal.handle(signal, signals::handle));
            } catch (IllegalArgumentException reservedByTheJvm) {
                // With -Xrs, or a signal the JVM uses itself: the default behaviour stays.
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        switch (react(signal.getName(), System.nanoTime())) {
            case STOP_AFTER_BATCH -> {
                LOG.warn("\nSIG{} received: stopping after the current batch and writing a checkpoint "
                        + "(press Ctrl-C again to stop at once)", signal.getName());
                stop.request();
            }
            case STOP_AT_ONCE -> {
                LOG.warn("\nStopping at once; the run continues from its last checkpoint when resumed");
                stop.sayLastWord();
                Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
            }
            case ALREADY_COUNTED -> {
            }
        }
    }

    /** Counts a delivery of the signal {@code name} at {@code nanoTime}. */
    synchronized Reaction react(String name, long nanoTime) {
        if (name.equals(lastName) && nanoTime - lastNanos < sameSignal.toNanos()) {
            return Reaction.ALREADY_COUNTED;
        }
        lastName = name;
        lastNanos = nanoTime;
        return ++received == 1 ? Reaction.STOP_AFTER_BATCH : Reaction.STOP_AT_ONCE;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
