package dev.dl4jrunner.data;

import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives DataVec the label our split assigned to each file, so the split is the single source of labels. */
final class SplitLabels implements PathLabelGenerator {
    private final Map<String, String> classByPath = new HashMap<>();

    SplitLabels(List<LabeledImage> images, List<String> classes) {
        images.forEach(image -> classByPath.put(image.path().toString(), classes.get(image.label())));
    }

    @Override
    public Writable getLabelForPath(String path) {
        String label = classByPath.get(Path.of(path).toString());
        if (label == null) {
            throw new IllegalStateException("Not part of this split: " + path);
        }
        return new Text(label);
    }

    @Override
    public Writable getLabelForPath(URI uri) {
        return getLabelForPath(Path.of(uri).toString());
    }

    @Override
    public boolean inferLabelClasses() {
        return true;
    }
}
