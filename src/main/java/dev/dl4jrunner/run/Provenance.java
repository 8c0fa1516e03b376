package dev.dl4jrunner.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code provenance.json}: what a run was made from, written before its first batch so the artifact can always be
 * traced back to its config, data and software, and so that {@code resume} can check nothing changed.
 *
 * @param resumedAt when the run was resumed, if ever
 */
public record Provenance(
        String runId,
        String name,
        long seed,
        String configSha256,
        String experimentFile,
        List<String> overrides,
        Dataset dataset,
        Software software,
        Backend backend,
        String gitCommit,
        String host,
        String startedAt,
        List<String> resumedAt) {

    public Provenance {
        overrides = List.copyOf(overrides);
        resumedAt = resumedAt == null ? List.of() : List.copyOf(resumedAt);
    }

    /** This provenance after a resume at {@code time}, with the config (a new epoch count) hashing to {@code sha}. */
    public Provenance resumed(String time, String configSha) {
        List<String> times = new ArrayList<>(resumedAt);
        times.add(time);
        return new Provenance(runId, name, seed, configSha, experimentFile, overrides, dataset, software, backend,
                gitCommit, host, startedAt, times);
    }

    /** The data a run saw; {@code fileListSha256} hashes every (path, class) pair of the split. */
    public record Dataset(String dir, String layout, List<String> classes, int trainImages, int validationImages,
                          Map<String, Integer> imagesPerClass, String fileListSha256, int skippedImages) {
    }

    public record Software(String runner, String dl4j, String java, String os) {
    }

    public record Backend(String name, String blasVendor, boolean oneDnnHelpers, boolean cudnnHelpers,
                          int cpuThreads) {
    }
}
