package dev.dl4jrunner.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Loads an experiment from a YAML file and {@code --set} overrides, validating it against the schema.
 *
 * <p>Nothing but the file is touched: whether {@code data.dir} exists is for the dataset code to check.
 */
public final class ExperimentLoader {

    private ExperimentLoader() {
    }

    /** {@link #load(Path, List, Path)} with relative paths resolved against the current directory. */
    public static ExperimentConfig load(Path file, List<String> overrides) throws ConfigException {
        return load(file, overrides, Path.of("").toAbsolutePath());
    }

    /**
     * Reads, overrides and validates an experiment.
     *
     * @param file       the YAML file; errors name it as given, so a relative path stays relative
     * @param overrides  {@code key.path=value} strings, applied in order; the value is YAML
     * @param workingDir what a relative {@code data.dir} resolves against
     * @throws ConfigException listing every problem of the file and the overrides
     */
    public static ExperimentConfig load(Path file, List<String> overrides, Path workingDir) throws ConfigException {
        Problems problems = new Problems(file.toString());
        MappingNode root = parse(file, problems);
        problems.throwIfAny();
        Overrides.apply(overrides, root, problems);
        return new ExperimentReader(root, workingDir, problems).read();
    }

    /** The document's top-level map, or null after reporting why there is none. */
    private static MappingNode parse(Path file, Problems problems) {
        String text = read(file, problems);
        if (text == null) {
            return null;
        }
        Node root;
        try {
            root = SafeYaml.compose(text);
        } catch (MarkedYAMLException e) {
            problems.add("", "Invalid YAML: " + SafeYaml.problem(e), e.getProblemMark());
            return null;
        } catch (ReaderException e) {
            reportCharacter(text, e, problems);
            return null;
        } catch (YAMLException e) {
            problems.add("", "Invalid YAML: " + e.getMessage());
            return null;
        }
        if (root instanceof MappingNode map) {
            return map;
        }
        String expected = "Expected a map of experiment keys, found ";
        if (root == null) {
            problems.add("", expected + "an empty file");
        } else if (root.getTag().equals(Tag.NULL)) {
            problems.add("", expected + "an empty document", root);
        } else {
            problems.add("", expected + (root instanceof ScalarNode scalar ? Excerpt.quoted(scalar.getValue())
                    : "a list"), root);
        }
        return null;
    }

    /** The file as UTF-8 text, refusing large files before reading them whole. */
    private static String read(Path file, Problems problems) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(SafeYaml.MAX_CODE_POINTS + 1);
            if (bytes.length > SafeYaml.MAX_CODE_POINTS) {
                problems.add("", "The file is larger than " + SafeYaml.MAX_CODE_POINTS / 1024 + " KiB");
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problems.add("", "File not found");
        } catch (AccessDeniedException e) {
            problems.add("", "Permission denied");
        } catch (CharacterCodingException e) {
            problems.add("", "The file is not UTF-8 text");
        } catch (IOException e) {
            problems.add("", "Cannot read the file: " + e.getMessage());
        }
        return null;
    }

    /**
     * SnakeYAML gives a forbidden character's position as a code point index; users want line and column, counted
     * as SnakeYAML counts them elsewhere: a line ends at LF, CR LF, a lone CR, NEL, LS or PS.
     */
    private static void reportCharacter(String text, ReaderException e, Problems problems) {
        int line = 0;
        int column = 0;
        int offset = 0;
        for (int index = 0; index < e.getPosition() && offset < text.length(); index++) {
            int c = text.codePointAt(offset);
            offset += Character.charCount(c);
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || (c == '\r' && !text.startsWith("\n", offset));
            if (lineBreak) {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        String message = String.format("Character U+%04X is not allowed in YAML; is this a text file?",
                e.getCodePoint());
        problems.add("", message, line, column);
    }
}
