package dev.dl4jrunner.launch;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * glibc's allocator in this process, changed while it runs: under the {@link ProcessTuning} settings it keeps every
 * freed block for reuse; {@link #returnLargeBlocks()} makes it hand large ones back to the system again, as glibc does
 * by default. With one arena (the settings' {@code MALLOC_ARENA_MAX=1}) the change reaches every thread.
 */
public final class GlibcAllocator {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /**
     * Blocks this large or larger are mapped afresh and unmapped when freed: glibc's ceiling for its own sliding
     * threshold on a 64-bit system, where it settles under ND4J, whose largest temporaries are larger.
     */
    static final int MAPPED_FROM = 32 << 20;
    /** Free memory at the heap's top beyond this goes back to the system: twice the mapping threshold, as glibc sets it. */
    static final int TRIMMED_ABOVE = 2 * MAPPED_FROM;

    private GlibcAllocator() {
    }

    /**
     * From now on, maps blocks of 32 MiB or more afresh and returns them when freed, returns free memory at the heap's
     * top beyond 64 MiB, and returns what is free now; false where glibc could not be reached or refused a setting.
     */
    public static boolean returnLargeBlocks() {
        try {
            LibC libc = LibC.load();
            boolean set = libc.mallopt(M_MMAP_THRESHOLD, MAPPED_FROM) == 1
                    && libc.mallopt(M_TRIM_THRESHOLD, TRIMMED_ABOVE) == 1;
            libc.malloc_trim(0);
            return set;
        } catch (LinkageError | RuntimeException noGlibc) {
            return false;
        }
    }

    /** The allocator calls of the C library. */
    interface LibC extends Library {
        int mallopt(int parameter, int value);

        int malloc_trim(long pad);

        static LibC load() {
            return (LibC) Native.loadLibrary("c", LibC.class);
        }
    }
}
