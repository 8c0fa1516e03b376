package dev.dl4jrunner.runs;

import dev.dl4jrunner.run.RunDirectory;

import java.nio.file.Path;

/**
 * The text files of a run that are shown as they are: config, overrides, provenance and summary. Each is null when
 * missing or unreadable ({@link RunReader} notes why).
 */
public record RunDocuments(String configYaml, String overrides, String provenanceJson, String summaryJson) {

    public static RunDocuments read(Path dir) {
        RunDirectory run = new RunDirectory(dir);
        return new RunDocuments(text(run.config()), text(run.overrides()), text(run.provenance()),
                text(run.summary()));
    }

    private static String text(Path file) {
        try {
            return RunFileReader.text(file);
        } catch (RunFileReader.Unreadable e) {
            return null;
        }
    }
}
