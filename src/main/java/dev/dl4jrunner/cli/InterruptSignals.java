package dev.dl4jrunner.cli;

import dev.dl4jrunner.train.StopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * While a run trains, turns Ctrl-C (SIGINT) and SIGTERM into a {@link StopRequest}: the first one lets the current
 * batch finish and a checkpoint be written; a second one records the run as interrupted and ends the process at
 * once, which loses nothing already written because every file is replaced atomically.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way to handle a signal without starting the JVM's
 * shutdown, during which the training thread could not finish its batch and exit cleanly.
 */
final class InterruptSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptSignals.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final StopRequest stop;
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private InterruptSignals(StopRequest stop) {
        this.stop = stop;
    }

    static InterruptSignals install(StopRequest stop) {
        InterruptSignals signals = new InterruptSignals(stop);
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
        if (received.incrementAndGet() == 1) {
            LOG.warn("\nSIG{} received: stopping after the current batch and writing a checkpoint "
                    + "(press Ctrl-C again to stop at once)", signal.getName());
            stop.request();
        } else {
            LOG.warn("\nStopping at once; the run continues from its last checkpoint when resumed");
            stop.sayLastWord();
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
