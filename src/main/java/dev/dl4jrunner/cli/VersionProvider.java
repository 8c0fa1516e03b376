package dev.dl4jrunner.cli;

import dev.dl4jrunner.run.Versions;
import picocli.CommandLine;

/** {@code --version}: the runner's and DL4J's versions and the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
                "dl4j-runner " + Versions.runner(),
                "Deeplearning4j " + Versions.dl4j(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
