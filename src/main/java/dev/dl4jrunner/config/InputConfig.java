package dev.dl4jrunner.config;

/** The shape every image is resized to before it enters the network: height x width x channels (1 or 3). */
public record InputConfig(int height, int width, int channels) {
}
