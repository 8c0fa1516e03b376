package dev.dl4jrunner.config;

/**
 * Random training-time augmentation; validation images are never augmented.
 *
 * @param horizontalFlip mirror each training image left-right with probability 0.5
 * @param randomCrop     crop up to this fraction of the height and width from each side at random
 *                       before resizing, 0 &lt;= randomCrop &lt; 0.5; 0 disables it
 */
public record AugmentConfig(boolean horizontalFlip, double randomCrop) {
    public static final AugmentConfig NONE = new AugmentConfig(false, 0.0);

    public boolean enabled() {
        return horizontalFlip || randomCrop > 0;
    }
}
