package dev.dl4jrunner.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code provenance.json}: what a run was made from, written before its first batch so the artifact can always be
 * traced back to its config, data and software, and so that {@code resume} can check nothing changed.
 *
 * @param resumedAt when the run was resumed, if ever
 * @param cluster   where a distributed run trained (Spark); null for a run on one machine, and then left out
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
        List<String> resumedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cluster cluster) {

    public Provenance {
        overrides = List.copyOf(overrides);
        resumedAt = resumedAt == null ? List.of() : List.copyOf(resumedAt);
    }

    /** A run on one machine. */
    public Provenance(String runId, String name, long seed, String configSha256, String experimentFile,
                      List<String> overrides, Dataset dataset, Software software, Backend backend, String gitCommit,
                      String host, String startedAt, List<String> resumedAt) {
        this(runId, name, seed, configSha256, experimentFile, overrides, dataset, software, backend, gitCommit, host,
                startedAt, resumedAt, null);
    }

    /** This provenance for a run that trains on {@code cluster}. */
    public Provenance onCluster(Cluster where) {
        return new Provenance(runId, name, seed, configSha256, experimentFile, overrides, dataset, software, backend,
                gitCommit, host, startedAt, resumedAt, where);
    }

    /** This provenance after a resume at {@code time}, with the config (a new epoch count) hashing to {@code sha}. */
    public Provenance resumed(String time, String configSha) {
        List<String> times = new ArrayList<>(resumedAt);
        times.add(time);
        return new Provenance(runId, name, seed, configSha, experimentFile, overrides, dataset, software, backend,
                gitCommit, host, startedAt, times, cluster);
    }

    /** The data a run saw; {@code fileListSha256} hashes every (path, class) pair of the split. */
    public record Dataset(String dir, String layout, List<String> classes, int trainImages, int validationImages,
                          Map<String, Integer> imagesPerClass, String fileListSha256, int skippedImages) {
    }

    /**
     * The Spark application a distributed run trained in: its master URL, application id, Spark version, default
     * parallelism (the number of workers), executors ({@code host:port}, the driver's included) and how the
     * workers' updates were combined.
     */
    public record Cluster(String kind, String master, String applicationId, String version, int parallelism,
                          List<String> executors, String trainingMaster) {
        public Cluster {
            executors = List.copyOf(executors);
        }
    }

    public record Software(String runner, String dl4j, String java, String os) {
    }

    /** The backend, and the environment variables that tune it ({@code MALLOC_ARENA_MAX}, ...) as they were set. */
    public record Backend(String name, String blasVendor, boolean oneDnnHelpers, boolean cudnnHelpers,
                          int cpuThreads, Map<String, String> tuning) {
    }
}
