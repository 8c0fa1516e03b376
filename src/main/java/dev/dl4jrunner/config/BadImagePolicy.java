package dev.dl4jrunner.config;

/** What training does with images that cannot be used: unreadable, truncated, too large. */
public enum BadImagePolicy {
    /** Train on the other images; the bad ones are listed in the run directory's {@code skipped-images.csv}. */
    SKIP,
    /** Refuse to train, naming every bad image, before anything is written. */
    FAIL
}
