/**
 * Training an experiment on Spark ({@code runner-spark.jar}, built by the {@code spark} Maven profile): the entry
 * point, the executors' image batches and DL4J's training masters. Spark and Scala are provided by
 * {@code spark-submit}; none of this is in {@code runner.jar}.
 */
package dev.dl4jrunner.spark;
