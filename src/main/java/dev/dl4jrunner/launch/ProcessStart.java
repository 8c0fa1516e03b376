package dev.dl4jrunner.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * When a process started, to the kernel's clock tick (10 ms). {@link ProcessHandle.Info#startInstant()} adds the
 * process's start after boot to the boot time in whole seconds, which puts it up to a second early; here the age
 * comes from two counts after boot, /proc/PID/stat's start and /proc/uptime, so the boot time never enters.
 */
public final class ProcessStart {
    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture the runner's natives exist for. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private ProcessStart() {
    }

    /** The start of {@code process}; what ProcessHandle says where /proc cannot tell, and now if neither can. */
    public static Instant of(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return Instant.now().minus(age(stat, Files.readString(Path.of("/proc/uptime"))));
        } catch (IOException | RuntimeException noProc) {
            return process.info().startInstant().orElseGet(Instant::now);
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
