package dev.dl4jrunner.data;

/** The image directory cannot give a usable dataset: missing, empty, too few classes or images. */
public final class DatasetException extends Exception {
    public DatasetException(String message) {
        super(message);
    }
}
