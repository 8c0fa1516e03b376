package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How long ago a process started, to the kernel's clock tick (10 ms). {@link ProcessHandle.Info#startInstant()} adds
 * the process's start after boot to the boot time in whole seconds, which puts it up to a second early; here the age
 * comes from two counts after boot, /proc/PID/stat's start and /proc/uptime, so neither the boot time nor the wall
 * clock enters.
 */
public final class ProcessStart {
    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture the runner's natives exist for. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private ProcessStart() {
    }

    /**
     * How long ago {@code process} started, on the clock that counts since boot: unlike a start instant compared with
     * the wall clock, it stays right when the wall clock is stepped (this project's VM had its clock set back by
     * 6.6 s during a test run). Where /proc cannot tell, what ProcessHandle says; zero if neither can.
     */
    public static Duration age(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return age(stat, Files.readString(Path.of("/proc/uptime")));
        } catch (IOException | RuntimeException noProc) {
            return process.info().startInstant().map(start -> Duration.between(start, Instant.now()))
                    .orElse(Duration.ZERO);
        }
    }

    /** How long ago a process with {@code stat} started, when the machine has been up for {@code uptime}. */
    static Duration age(String stat, String uptime) {
        // The fields after the command name, which may hold spaces and parentheses: state (field 3) first, so the
        // start (field 22) is the 20th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double startedAfterBoot = Long.parseLong(fields[19]) / CLOCK_TICKS_PER_SECOND;
        double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        return Duration.ofNanos(Math.round(Math.max(0, upSeconds - startedAfterBoot) * 1e9));
    }
}
