package dev.dl4jrunner.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Deterministic mutations of experiment files for {@link ExperimentFuzzTest}: the ways a hand, an editor, a
 * copy-paste or a disk breaks a YAML file. Random choices use fixed seeds, and every mutation's name says what
 * was done where ({@code smoke.yaml: insert U+0007 at 4:3}), so a failing case can be rebuilt by hand.
 */
final class ExperimentMutations {
    /**
     * A changed copy of {@code file}: {@code kind} groups mutations in the test's summary, {@code change} says
     * what was done.
     */
    record Mutation(String kind, String file, String change, byte[] bytes) {
        static Mutation text(String kind, String file, String change, String text) {
            return new Mutation(kind, file, change, text.getBytes(StandardCharsets.UTF_8));
        }

        String name() {
            return file + ": " + change;
        }
    }

    /** The file name of mutations that start from nothing. */
    private static final String STANDALONE = "experiment.yaml";

    private static final long SEED = 20_240_601L;
    private static final int INSERTIONS_PER_FILE = 60;
    private static final int TRUNCATIONS_PER_FILE = 15;
    /** {@code key:} with or without a value, at any indentation. */
    private static final Pattern KEY_LINE = Pattern.compile(" *[a-z0-9_]+:.*");
    /** {@code key: value}: the value is group 2. */
    private static final Pattern VALUE_LINE = Pattern.compile("( *[a-z0-9_]+: )(\\S.*)");

    /** Values of the wrong type or out of every range, each put in place of every value of a file. */
    private static final Map<String, String> WRONG_VALUES = wrongValues();

    /**
     * Characters inserted at random places: YAML's indicators, quotes, whitespace, control characters that YAML
     * forbids, line breaks it counts (NEL, LS), a byte order mark, a non-character, accents, CJK and an emoji
     * outside the Basic Multilingual Plane.
     */
    private static final List<String> INSERTED = List.of("{", "}", "[", "]", ":", ",", "&", "*", "!", "%", "@", "`",
            "'", "\"", "#", "|", ">", "-", "?", "\\", " ", "\t", "\n", "\r", "\u0000", "\u0001", "\u0007", "\u001b",
            "\u007f", "\u0085", "\u009b", "\u00a0", "\u2028", "\ufeff", "\ufffe", "é", "漢", "😀");

    private final String file;
    private final String text;
    private final List<String> lines;
    private final Random random;
    private final List<Mutation> mutations = new ArrayList<>();

    private ExperimentMutations(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = text.lines().toList();
        this.random = new Random(SEED ^ file.hashCode());
    }

    /** Every mutation of one experiment file, named after it. */
    static List<Mutation> of(String file, String text) {
        ExperimentMutations m = new ExperimentMutations(file, text);
        m.deleteAndDuplicateKeyLines();
        m.replaceValues();
        m.insertCharacters();
        m.breakIndentation();
        m.truncate();
        m.changeLineEndings();
        m.reencode();
        m.addDocuments();
        m.addTags();
        m.addAliases();
        m.nestDeeply();
        m.growHuge();
        return m.mutations;
    }

    /** Files that owe nothing to an experiment: empty, blank, no map, binary, deeply nested. */
    static List<Mutation> standalone() {
        List<Mutation> mutations = new ArrayList<>();
        Map<String, String> noMap = new LinkedHashMap<>();
        noMap.put("empty file", "");
        noMap.put("one newline", "\n");
        noMap.put("spaces and newlines", "   \n\n  \n");
        noMap.put("tabs", "\t\n \t \n");
        noMap.put("comments only", "# nothing here yet\n# still nothing\n");
        noMap.put("an empty document", "---\n");
        noMap.put("an empty document, ended", "---\n...\n");
        noMap.put("a null document", "~\n");
        noMap.put("a lone scalar", "vgg16\n");
        noMap.put("a list", "- name: smoke\n- seed: 42\n");
        noMap.put("colons", ": : :\n");
        noMap.forEach((name, text) -> mutations.add(Mutation.text("empty or no map", STANDALONE, name, text)));

        Random random = new Random(SEED);
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[512];
            random.nextBytes(bytes);
            mutations.add(new Mutation("binary or encoding", STANDALONE, "512 random bytes #" + i, bytes));
            mutations.add(Mutation.text("binary or encoding", STANDALONE, "512 random printable characters #" + i,
                    random.ints(512, 0x20, 0x7f).mapToObj(Character::toString).collect(Collectors.joining())));
            mutations.add(Mutation.text("binary or encoding", STANDALONE, "512 random code points #" + i,
                    random.ints(512, 0, 0x11_0000).filter(c -> c < 0xd800 || c > 0xdfff)
                            .mapToObj(Character::toString).collect(Collectors.joining())));
        }
        mutations.add(new Mutation("binary or encoding", STANDALONE, "a JPEG image", jpeg()));
        mutations.add(new Mutation("binary or encoding", STANDALONE, "4 KiB of zero bytes", new byte[4096]));
        mutations.add(Mutation.text("nesting", STANDALONE, "1000 [", "[".repeat(1000)));
        mutations.add(Mutation.text("nesting", STANDALONE, "1000 {", "{".repeat(1000)));
        mutations.add(Mutation.text("nesting", STANDALONE, "1000 [ closed", "[".repeat(1000) + "]".repeat(1000)));
        return mutations;
    }

    private void deleteAndDuplicateKeyLines() {
        for (int i = 0; i < lines.size(); i++) {
            if (KEY_LINE.matcher(lines.get(i)).matches()) {
                int line = i;
                add("delete key line", "delete line " + (i + 1) + " '" + lines.get(i).strip() + "'",
                        withLines(all -> all.remove(line)));
                add("duplicate key line", "duplicate line " + (i + 1) + " '" + lines.get(i).strip() + "'",
                        withLines(all -> all.add(line, all.get(line))));
            }
        }
    }

    private void replaceValues() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher value = VALUE_LINE.matcher(lines.get(i));
            if (!value.matches()) {
                continue;
            }
            for (Map.Entry<String, String> wrong : WRONG_VALUES.entrySet()) {
                add("wrong value", "line " + (i + 1) + " '" + value.group(1).strip() + "' set to " + wrong.getKey(),
                        withLine(i, value.group(1) + wrong.getValue()));
            }
        }
    }

    private void insertCharacters() {
        for (int i = 0; i < INSERTIONS_PER_FILE; i++) {
            String inserted = INSERTED.get(random.nextInt(INSERTED.size()));
            int offset = random.nextInt(text.length() + 1);
            add("insert character", String.format("insert U+%04X at %s", inserted.codePointAt(0), position(offset)),
                    text.substring(0, offset) + inserted + text.substring(offset));
        }
    }

    private void breakIndentation() {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!KEY_LINE.matcher(line).matches()) {
                continue;
            }
            add("indentation", "indent line " + (i + 1) + " by a space", withLine(i, " " + line));
            if (line.startsWith(" ")) {
                add("indentation", "dedent line " + (i + 1) + " by a space", withLine(i, line.substring(1)));
                add("indentation", "indent line " + (i + 1) + " with a tab", withLine(i, "\t" + line.strip()));
            }
        }
        add("indentation", "every line indented by two spaces", withLines(all -> all.replaceAll(line -> "  " + line)));
        add("indentation", "every line indented with a tab", withLines(all -> all.replaceAll(line -> "\t" + line)));
    }

    private void truncate() {
        for (int i = 0; i < TRUNCATIONS_PER_FILE; i++) {
            int offset = random.nextInt(text.length());
            add("truncate", "truncate at " + position(offset), text.substring(0, offset));
        }
    }

    private void changeLineEndings() {
        add("line endings", "CRLF line endings", text.replace("\n", "\r\n"));
        add("line endings", "CR line endings", text.replace("\n", "\r"));
        add("line endings", "no final newline", text.strip());
        add("line endings", "trailing spaces on every line", text.replace("\n", "   \n"));
        add("line endings", "blank line between every line", text.replace("\n", "\n\n"));
    }

    private void reencode() {
        String kind = "binary or encoding";
        bytes(kind, "UTF-8 with a byte order mark", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8()));
        bytes(kind, "UTF-16 with a byte order mark", text.getBytes(StandardCharsets.UTF_16));
        bytes(kind, "UTF-16LE with a byte order mark",
                concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE)));
        bytes(kind, "UTF-16LE without a byte order mark", text.getBytes(StandardCharsets.UTF_16LE));
        bytes(kind, "UTF-32", text.getBytes(Charset.forName("UTF-32")));
        bytes(kind, "Latin-1 with an accent", ("# café\n" + text).getBytes(StandardCharsets.ISO_8859_1));
        Map<String, byte[]> invalid = new LinkedHashMap<>();
        invalid.put("a lone continuation byte", new byte[] {(byte) 0x80});
        invalid.put("a truncated 2-byte sequence", new byte[] {(byte) 0xc3, '('});
        invalid.put("an overlong '/'", new byte[] {(byte) 0xc0, (byte) 0xaf});
        invalid.put("an encoded surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        invalid.put("a code point above U+10FFFF", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        invalid.put("byte 0xFF", new byte[] {(byte) 0xff});
        byte[] utf8 = utf8();
        invalid.forEach((name, sequence) -> {
            int offset = random.nextInt(utf8.length + 1);
            bytes(kind, "invalid UTF-8: " + name + " at byte " + offset, concat(
                    Arrays.copyOfRange(utf8, 0, offset), sequence, Arrays.copyOfRange(utf8, offset, utf8.length)));
        });
        byte[] accent = "é".getBytes(StandardCharsets.UTF_8);
        bytes(kind, "ends inside a 2-byte character", concat(utf8, Arrays.copyOf(accent, 1)));
    }

    private void addDocuments() {
        String kind = "documents";
        add(kind, "the file twice, as two documents", text + "---\n" + text);
        add(kind, "an empty second document", text + "---\n");
        add(kind, "garbage after the document end", text + "...\ngarbage: [\n");
        add(kind, "explicit document start", "---\n" + text);
        add(kind, "explicit document end", text + "...\n");
        add(kind, "%YAML 1.1 directive", "%YAML 1.1\n---\n" + text);
        add(kind, "%YAML 2.0 directive", "%YAML 2.0\n---\n" + text);
        add(kind, "directive without a document start", "%YAML 1.2\n" + text);
        add(kind, "the file as a literal block scalar", "--- |\n" + text.indent(2));
        add(kind, "the file as a list item", "-\n" + text.indent(2));
    }

    /** Tags that would construct Java objects under a careless loader, and the harmless ones YAML defines. */
    private void addTags() {
        String kind = "tags";
        Map<String, String> names = new LinkedHashMap<>();
        names.put("!!java.io.File", "!!java.io.File /etc/passwd");
        names.put("!!javax.script.ScriptEngineManager", "!!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost:1/\"]]]]");
        names.put("!<tag:yaml.org,2002:java.net.URL>", "!<tag:yaml.org,2002:java.net.URL> http://localhost:1/");
        names.put("!!python/object/apply", "!!python/object/apply:os.system [\"true\"]");
        names.put("a local tag", "!vgg x");
        names.put("a global tag of another domain", "!<tag:example.com,2024:run> x");
        names.put("!!binary", "!!binary aGVsbG8=");
        names.put("!!timestamp", "!!timestamp 2024-06-01");
        names.put("!!str", "!!str smoke");
        names.put("!!int", "!!int 3");
        names.put("!!float", "!!float 3");
        names.put("!!bool", "!!bool true");
        names.put("!!null", "!!null ''");
        names.forEach((name, value) -> add(kind, "name: " + name, replacing("name:", "name: " + value)));
        add(kind, "seed: !!float", replacing("seed:", "seed: !!float 42"));
        add(kind, "seed: !!int on text", replacing("seed:", "seed: !!int forty-two"));
        add(kind, "seed: !!str", replacing("seed:", "seed: !!str 42"));
        add(kind, "data: !!set", replacing("data:", "data: !!set"));
        add(kind, "data: !!omap", replacing("data:", "data: !!omap"));
        add(kind, "data: a local tag", replacing("data:", "data: !section"));
        add(kind, "a tagged key", replacing("seed:", "!!str seed: 42"));
        add(kind, "%TAG directive naming a Java package", "%TAG !j! tag:yaml.org,2002:java.io.\n---\n"
                + replacing("name:", "name: !j!File /etc/passwd"));
        add(kind, "%TAG directive making ! global", "%TAG ! tag:yaml.org,2002:\n---\n"
                + replacing("name:", "name: !java.io.File /etc/passwd"));
    }

    private void addAliases() {
        String kind = "aliases";
        add(kind, "billion laughs, lists", billionLaughs("[", "*%s", "]") + text);
        add(kind, "billion laughs, maps", billionLaughs("{", "k%2$d: *%1$s", "}") + text);
        add(kind, "scalar alias 10000 times", "lol: &lol lol\nlols: [" + "*lol, ".repeat(10_000) + "*lol]\n" + text);
        add(kind, "recursive list", replacing("name:", "name: &n [*n]"));
        add(kind, "recursive section", replacing("data:", "data: &d\n  augment: *d"));
        add(kind, "undefined alias", replacing("seed:", "seed: *nowhere"));
        add(kind, "alias as a key", "key: &k seed\n" + text + "*k : 1\n");
        add(kind, "merge key", "defaults: &defaults\n  batch_size: 8\n"
                + text + (text.endsWith("\n") ? "" : "\n") + "  <<: *defaults\n");
        add(kind, "merge key of a list", "a: &a {x: 1}\nb: &b {y: 2}\n" + replacing("data:", "data:\n  <<: [*a, *b]"));
        add(kind, "anchored seed reused as batch size", replacing("seed:", "seed: &s 42")
                .replaceFirst("batch_size: \\d+", "batch_size: *s"));
    }

    /** Nine anchors, each a collection of nine aliases of the one before: 9^9 leaves if expanded. */
    private static String billionLaughs(String open, String alias, String close) {
        StringBuilder bomb = new StringBuilder("l0: &l0 " + open + "lol" + close + "\n");
        for (int level = 1; level < 10; level++) {
            String previous = "l" + (level - 1);
            StringBuilder aliases = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                aliases.append(i == 0 ? "" : ", ").append(String.format(alias, previous, i));
            }
            bomb.append("l").append(level).append(": &l").append(level).append(' ')
                    .append(open).append(aliases).append(close).append('\n');
        }
        return bomb.toString();
    }

    private void nestDeeply() {
        String kind = "nesting";
        add(kind, "name: 1000 [", replacing("name:", "name: " + "[".repeat(1000)));
        add(kind, "name: 1000 [ closed", replacing("name:", "name: " + "[".repeat(1000) + "]".repeat(1000)));
        add(kind, "name: 1000 {a:", replacing("name:", "name: " + "{a: ".repeat(1000) + "}".repeat(1000)));
        add(kind, "name: 500 nested block lists", replacing("name:", "name:\n" + "- ".repeat(500) + "x"));
        StringBuilder maps = new StringBuilder("data:\n");
        for (int depth = 1; depth <= 100; depth++) {
            maps.append("  ".repeat(depth)).append("augment:\n");
        }
        add(kind, "100 nested block maps", replacing("data:", maps.toString().stripTrailing()));
    }

    private void growHuge() {
        String kind = "size";
        String padding = "# padding to make the file large\n";
        add(kind, "2 MiB of comments", text + padding.repeat((2 << 20) / padding.length()));
        add(kind, "just under 1 MiB of comments",
                text + padding.repeat(((1 << 20) - text.length()) / padding.length() - 1));
        add(kind, "a 100,000-letter name", replacing("name:", "name: " + "x".repeat(100_000)));
        add(kind, "a 100,000-digit seed", replacing("seed:", "seed: " + "9".repeat(100_000)));
        add(kind, "a 100,000-digit learning rate", text.replaceFirst("learning_rate: \\S+",
                "learning_rate: 0." + "1".repeat(100_000)));
        add(kind, "a 100,000-character data.dir", text.replaceFirst("dir: \\S+", "dir: " + "d/".repeat(50_000)));
        add(kind, "100,000 classes", text.replaceFirst("(?m)^data:\n", "data:\n  classes: ["
                + IntStream.range(0, 100_000).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")) + "]\n"));
    }

    private static Map<String, String> wrongValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a string", "fast");
        values.put("an empty string", "''");
        values.put("a quoted number", "'32'");
        values.put("a list", "[1, 2]");
        values.put("an empty list", "[]");
        values.put("a list of strings", "[a, b]");
        values.put("a map", "{a: 1}");
        values.put("an empty map", "{}");
        values.put("true", "true");
        values.put("yes", "yes");
        values.put("null", "null");
        values.put("-1", "-1");
        values.put("0", "0");
        values.put("0.5", "0.5");
        values.put(".nan", ".nan");
        values.put(".inf", ".inf");
        values.put("-.inf", "-.inf");
        values.put("1e400", "1e400");
        values.put("1e-400", "1e-400");
        values.put("99999999999999999999999", "99999999999999999999999");
        values.put("-99999999999999999999999", "-99999999999999999999999");
        values.put("0x10", "0x10");
        values.put("a 10,000-digit number", "9".repeat(10_000));
        values.put("a 10,000-letter string", "x".repeat(10_000));
        values.put("a string with escapes", "\"a\\nb\\tc\\u001b[31m\"");
        return values;
    }

    private static byte[] jpeg() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 5, 0xc08040);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void add(String kind, String change, String mutated) {
        mutations.add(Mutation.text(kind, file, change, mutated));
    }

    private void bytes(String kind, String change, byte[] mutated) {
        mutations.add(new Mutation(kind, file, change, mutated));
    }

    /** The file with its lines changed by {@code change}. */
    private String withLines(Consumer<List<String>> change) {
        List<String> changed = new ArrayList<>(lines);
        change.accept(changed);
        return String.join("\n", changed) + "\n";
    }

    private String withLine(int index, String line) {
        return withLines(all -> all.set(index, line));
    }

    /** The file with its first line that starts with {@code prefix} replaced by {@code line}. */
    private String replacing(String prefix, String line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return withLine(i, line);
            }
        }
        throw new IllegalArgumentException(file + " has no line starting with " + prefix);
    }

    /** {@code line:column}, 1-based, of a char offset in the original text. */
    private String position(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (offset - lineStart + 1);
    }

    private byte[] utf8() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
