package dev.dl4jrunner.infer;

/** How {@code predict} writes its predictions. */
public enum PredictionFormat {
    /** {@code path,predicted,<class>...}: one row per image, the probability of each class in label order. */
    CSV("predictions.csv"),
    /** The same as JSON, with the run, the checkpoint and the skipped images. */
    JSON("predictions.json"),
    /** Kaggle's Dogs vs. Cats submission, {@code id,label}; see {@link KaggleSubmission}. */
    KAGGLE("submission.csv");

    private final String defaultFile;

    PredictionFormat(String defaultFile) {
        this.defaultFile = defaultFile;
    }

    /** The file written when {@code --out} is not given, in the working directory. */
    public String defaultFile() {
        return defaultFile;
    }
}
