package dev.dl4jrunner.launch;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GlibcAllocatorTest {
    private static final long BLOCK = 100L << 20;

    @Test
    void underTheLaunchersSettingsALargeBlockComesFromTheHeapUntilLargeBlocksAreReturned() throws Exception {
        ProcessBuilder probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true);
        probe.environment().putAll(ProcessTuning.ALLOCATOR);
        Process process = probe.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.lines()).containsExactly(
                "kept settings: block in heap true",
                "returnLargeBlocks true",
                "after: block in heap false");
    }

    /** Allocates a block the size of an ND4J temporary before and after the change; says where each one was. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            System.out.println("kept settings: block in heap " + largeBlockInHeap());
            System.out.println("returnLargeBlocks " + GlibcAllocator.returnLargeBlocks());
            System.out.println("after: block in heap " + largeBlockInHeap());
        }

        private static boolean largeBlockInHeap() throws IOException {
            long address = Native.malloc(BLOCK);
            try {
                return heapRanges().stream().anyMatch(range -> range[0] <= address && address < range[1]);
            } finally {
                Native.free(address);
            }
        }

        private static List<long[]> heapRanges() throws IOException {
            List<long[]> ranges = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.endsWith("[heap]")) {
                    String[] range = line.substring(0, line.indexOf(' ')).split("-");
                    ranges.add(new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16)});
                }
            }
            return ranges;
        }
    }
}
