package dev.dl4jrunner.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MachineTest {
    @Test
    void cpuFlagsComeFromCpuinfo(@TempDir Path temp) throws IOException {
        Path cpuinfo = Files.writeString(temp.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                + "flags\t\t: fpu sse4_2 avx2 avx512f\nbogomips\t: 4800\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        assertThat(Machine.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "sse4_2", "avx2", "avx512f");
        assertThat(Machine.cpuFlags(temp.resolve("missing"))).isEmpty();
    }

    @Test
    void theHugePageModeIsTheBracketedOne(@TempDir Path temp) throws IOException {
        Path enabled = Files.writeString(temp.resolve("enabled"), "always [madvise] never\n");
        assertThat(Machine.hugePageMode(enabled)).isEqualTo("madvise");
        assertThat(new Machine("Linux", Set.of(), Machine.hugePageMode(enabled)).hugePagesOnRequest()).isTrue();
        assertThat(Machine.hugePageMode(temp.resolve("missing"))).isEqualTo("never");
        assertThat(new Machine("Linux", Set.of(), "never").hugePagesOnRequest()).isFalse();
    }

    @Test
    void avx512MeansTheFeaturesOpenBlasSkylakeXKernelsUse() {
        assertThat(new Machine("Linux", Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2"),
                "never").avx512()).isTrue();
        assertThat(new Machine("Linux", Set.of("avx512f", "avx2"), "never").avx512()).isFalse();
    }

    @Test
    void tcmallocIsTheFirstOneFoundInTheLibraryDirectories(@TempDir Path temp) throws IOException {
        Path debian = Files.createDirectories(temp.resolve("usr/lib/x86_64-linux-gnu"));
        Path fedora = Files.createDirectories(temp.resolve("usr/lib64"));
        Path full = Files.writeString(fedora.resolve("libtcmalloc.so.4"), "");
        assertThat(Machine.tcmalloc(List.of(debian, fedora))).contains(full);
        Path minimal = Files.writeString(fedora.resolve("libtcmalloc_minimal.so.4"), "");
        assertThat(Machine.tcmalloc(List.of(debian, fedora))).contains(minimal);
        assertThat(Machine.tcmalloc(List.of(debian, temp.resolve("missing")))).isEmpty();
    }
}
