package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStartTest {
    @Test
    void theAgeIsTheUptimeLessTheStartInClockTicks() {
        // A command name with a space and a parenthesis, as a process may call itself.
        String stat = "4242 (java (main)) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 30 0 123456 9000000 300";
        assertThat(ProcessStart.age(stat, "1236.81 2400.00\n")).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void thisProcessStartedJustBeforeItsJvm() {
        // The JVM's uptime runs on a clock the wall clock's adjustments do not move, as the age does.
        Duration jvmUptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        Duration age = ProcessStart.age(ProcessHandle.current());
        // The java launcher loads the JVM within milliseconds of the exec; a clock tick is 10 ms.
        assertThat(age).isBetween(jvmUptime.minusMillis(20), jvmUptime.plusSeconds(1));
    }
}
