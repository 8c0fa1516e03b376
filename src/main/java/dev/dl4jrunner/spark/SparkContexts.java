package dev.dl4jrunner.spark;

import dev.dl4jrunner.config.ExperimentConfig;
import dev.dl4jrunner.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Optional;

/** The Spark context a run trains in: spark-submit's settings, and the experiment's {@code spark.master} if set. */
public final class SparkContexts {
    private SparkContexts() {
    }

    /** The master the run would use: the experiment's, else spark-submit's ({@code spark.master}); empty if none. */
    public static Optional<String> master(ExperimentConfig config) {
        Optional<String> configured = config.spark().flatMap(SparkConfig::master);
        return configured.isPresent() ? configured : Optional.ofNullable(new SparkConf().get("spark.master", null));
    }

    public static JavaSparkContext start(ExperimentConfig config, String master) {
        SparkConf conf = new SparkConf().setAppName("dl4j-runner " + config.name()).setMaster(master);
        return new JavaSparkContext(conf);
    }
}
