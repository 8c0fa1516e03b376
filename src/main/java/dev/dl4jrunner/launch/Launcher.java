package dev.dl4jrunner.launch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Starts the commands that train or run a network in a second JVM that has {@link ProcessTuning}'s environment,
 * because glibc and OpenBLAS read it only when a process starts: {@code java -jar runner.jar} is then as fast as a
 * user who knew to export the variables. This JVM stays as a thin parent that forwards SIGINT and SIGTERM to the
 * child and exits with its exit code; the child stops itself when the parent disappears (kill -9), and takes a
 * signal that reaches it twice at once (a terminal or Slurm signal both processes) as one
 * ({@link LaunchedProcess}). The child also maps the classes an earlier command of the same jar loaded
 * ({@link ClassDataArchive}) and compiles with C1 only ({@link QuickCompiler}), which make its start shorter, and
 * keeps its young generation small ({@link YoungGeneration}), which lowers its peak memory.
 *
 * <p>Nothing is re-executed when the environment is already tuned, off Linux, for the commands that do not
 * compute (runs, ui, check-data, help), under a debugger, or with {@code -Drunner.launcher=false}.
 */
public final class Launcher {
    /** The main class the child runs: the same command line, in a tuned JVM. */
    private static final String MAIN_CLASS = "dev.dl4jrunner.cli.Main";
    private static final Set<String> COMPUTE_COMMANDS = Set.of("resume", "bench", "evaluate", "predict");
    private static final Set<String> OTHER_COMMANDS = Set.of("runs", "ui", "check-data", "help");
    private static final Set<String> FORWARDED_SIGNALS = Set.of("INT", "TERM");
    private static final int SIGKILL_EXIT = 128 + 9;

    private final List<String> command;
    private final Map<String, String> environment;

    private Launcher(List<String> command, Map<String, String> environment) {
        this.command = command;
        this.environment = environment;
    }

    /**
     * Runs {@code args} in a tuned child JVM when that helps, and returns its exit code; empty when this JVM should
     * run the command itself.
     */
    public static OptionalInt runTunedIfUseful(String[] args) {
        if (!Boolean.parseBoolean(System.getProperty("runner.launcher", "true"))
                || LaunchedProcess.current().isPresent() || !computes(args)) {
            return OptionalInt.empty();
        }
        Map<String, String> missing = ProcessTuning.missing();
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (missing.isEmpty() || underDebugger(jvmArguments)) {
            return OptionalInt.empty();
        }
        String classPath = System.getProperty("java.class.path");
        Optional<ClassDataArchive> classData = ClassDataArchive.forJar(classPath, jvmArguments,
                UserCache.directory(System.getenv()));
        List<String> childOptions = new ArrayList<>(jvmArguments);
        childOptions.addAll(YoungGeneration.jvmOptions(jvmArguments));
        childOptions.addAll(QuickCompiler.jvmOptions(jvmArguments));
        classData.ifPresent(archive -> childOptions.addAll(archive.jvmOptions()));
        Launcher launcher = new Launcher(childCommand(javaExecutable(), childOptions, classPath, args), missing);
        OptionalInt exitCode = launcher.run(System.err);
        classData.ifPresent(archive -> archive.settle(exitCode.orElse(-1)));
        return exitCode;
    }

    /**
     * Whether {@code args} name a command that trains or runs a network: resume, bench, evaluate, predict, or
     * training an experiment file. A misjudged command line only runs untuned.
     */
    static boolean computes(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.stream().anyMatch(arg -> Set.of("-h", "--help", "-V", "--version").contains(arg))) {
            return false;
        }
        Optional<String> first = arguments.stream().filter(arg -> !arg.startsWith("-")).findFirst();
        if (first.isEmpty() || OTHER_COMMANDS.contains(first.get())) {
            return false;
        }
        return COMPUTE_COMMANDS.contains(first.get())
                || arguments.stream().anyMatch(arg -> arg.endsWith(".yaml") || arg.endsWith(".yml"));
    }

    static boolean underDebugger(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(arg -> arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")
                || arg.equals("-Xdebug"));
    }

    /** The child's command line: this JVM's own options and class path, the same arguments. */
    static List<String> childCommand(String java, List<String> jvmArguments, String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.addAll(List.of(args));
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The child's exit code; empty when it could not start, and this JVM should run the command itself. */
    private OptionalInt run(PrintStream err) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.putAll(environment);
        // Their options are already on the child's command line, as this JVM's input arguments.
        childEnvironment.remove("JDK_JAVA_OPTIONS");
        childEnvironment.remove("JAVA_TOOL_OPTIONS");
        childEnvironment.put(LaunchedProcess.LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
        AtomicLong childPid = new AtomicLong();
        Consumer<Signal> send = new SignalSender(childPid);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            err.println("Could not start a JVM with the tuned environment (" + e.getMessage()
                    + "); running without it");
            return OptionalInt.empty();
        }
        childPid.set(child.pid());
        forward(send);
        int exitCode = waitFor(child);
        if (exitCode == SIGKILL_EXIT) {
            err.println("The training JVM was killed (SIGKILL): out of memory, or by a user or the system.");
        }
        return OptionalInt.of(exitCode);
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException ignored) {
                // Only the child decides when this process ends.
            }
        }
    }

    private static void forward(Consumer<Signal> send) {
        for (String name : FORWARDED_SIGNALS) {
            try {
                Signal.handle(new Signal(name), send::accept);
            } catch (IllegalArgumentException reservedByTheJvm) {
                // With -Xrs the JVM keeps the signal; the child still receives what a terminal sends the group.
            }
        }
    }

    /**
     * Sends the child a signal: with libc's kill(2), or the kill command where JNA cannot load its library. JNA loads
     * at the first signal, not on the way to the child's start.
     */
    private static final class SignalSender implements Consumer<Signal> {
        private final AtomicLong childPid;
        private Optional<LibC> libc;

        SignalSender(AtomicLong childPid) {
            this.childPid = childPid;
        }

        @Override
        public synchronized void accept(Signal signal) {
            if (libc == null) {
                try {
                    libc = Optional.of(LibC.load());
                } catch (LinkageError noJna) {
                    libc = Optional.empty();
                }
            }
            if (libc.isPresent()) {
                libc.get().kill((int) childPid.get(), signal.getNumber());
                return;
            }
            try {
                new ProcessBuilder("kill", "-" + signal.getName(), Long.toString(childPid.get())).start();
            } catch (IOException noKillCommand) {
                ProcessHandle.of(childPid.get()).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    /** The one C library call the parent needs: sending the child the signal it received. */
    interface LibC extends Library {
        int kill(int pid, int signal);

        static LibC load() {
            return (LibC) Native.loadLibrary("c", LibC.class);
        }
    }
}
