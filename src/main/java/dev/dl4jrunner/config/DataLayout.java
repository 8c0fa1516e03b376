package dev.dl4jrunner.config;

/** How the class label of an image is read from its path. */
public enum DataLayout {
    /** {@link #FOLDERS} when the directory has sub-directories with images, {@link #PREFIX} otherwise. */
    AUTO,
    /** Label is the file name before the first dot, as Kaggle's {@code cat.12.jpg}. */
    PREFIX,
    /** Label is the name of the image's parent folder. */
    FOLDERS
}
