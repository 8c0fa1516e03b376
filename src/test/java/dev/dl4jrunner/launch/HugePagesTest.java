package dev.dl4jrunner.launch;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HugePagesTest {
    private static final long MIB = 1L << 20;

    @Test
    void theWholeHugePagesOfABlockAreAdvisedAndNothingAroundThem() throws IOException {
        long address = Native.malloc(16 * MIB);
        try {
            assertThat(HugePages.advise(address, 16 * MIB)).isTrue();

            long firstHugePage = (address + HugePages.SIZE - 1) & -HugePages.SIZE;
            assertThat(flagsOfMappingAt(firstHugePage)).as("advised").contains("hg");
            if (firstHugePage > address) {
                assertThat(flagsOfMappingAt(address)).as("the part before the first whole huge page")
                        .doesNotContain("hg");
            }
        } finally {
            Native.free(address);
        }
    }

    @Test
    void aBlockWithoutAWholeHugePageIsNotAdvised() {
        long address = Native.malloc(MIB);
        try {
            assertThat(HugePages.advise(address, MIB)).isFalse();
        } finally {
            Native.free(address);
        }
    }

    /** The {@code VmFlags} of the mapping holding {@code address}, from this process's {@code smaps}. */
    private static List<String> flagsOfMappingAt(long address) throws IOException {
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inside = Long.parseUnsignedLong(range[0], 16) <= address
                        && address < Long.parseUnsignedLong(range[1], 16);
            } else if (inside && line.startsWith("VmFlags:")) {
                return List.of(line.substring("VmFlags:".length()).trim().split(" "));
            }
        }
        throw new AssertionError("No mapping holds " + Long.toHexString(address));
    }
}
