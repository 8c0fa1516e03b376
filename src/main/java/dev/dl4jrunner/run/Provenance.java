package dev.dl4jrunner.run;

import java.util.List;
import java.util.Map;

/**
 * {@code provenance.json}: what a run was made from, written before its first batch so the artifact can always be
 * traced back to its config, data and software, and so that {@code resume} can check nothing changed.
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
        String startedAt) {

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
