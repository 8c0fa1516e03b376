package dev.dl4jrunner.config;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML set up to compose untrusted text into a node tree and to write node trees back.
 *
 * <p>Only {@code compose} is used, so no Java object is ever constructed from a tag. The limits keep alias
 * bombs, deep nesting and huge inputs from costing more than a clean error. Plain scalars resolve by the
 * YAML 1.2 core schema rather than SnakeYAML's YAML 1.1 one: {@code yes} and {@code no} stay strings,
 * {@code 010} is ten, and every number is decimal, so the reader needs one number syntax only.
 */
final class SafeYaml {
    /** Larger inputs are refused; a real experiment file is a few hundred bytes. */
    static final int MAX_CODE_POINTS = 1 << 20;

    private SafeYaml() {
    }

    /**
     * The single document in {@code text}, or null when it has none.
     *
     * @throws YAMLException for a syntax error, more than one document or a limit exceeded; all but a
     *                       {@link ReaderException} (a forbidden character) are {@link MarkedYAMLException}s
     */
    static Node compose(String text) {
        LoaderOptions loading = loading();
        PositionTrackingParser parser =
                new PositionTrackingParser(new ParserImpl(new StreamReader(new StringReader(text)), loading));
        try {
            return new Composer(parser, new CoreSchemaResolver(), loading).getSingleNode();
        } catch (MarkedYAMLException | ReaderException e) {
            throw e;
        } catch (YAMLException e) {
            // The composer's limits (nesting depth, aliases) say what was exceeded but not where
            throw parser.position() == null ? e : new LimitExceededException(e.getMessage(), parser.position());
        }
    }

    /** {@code context, problem} of a syntax error, or the message of another YAML error. */
    static String problem(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            return marked.getContext() == null ? marked.getProblem() : marked.getContext() + ", " + marked.getProblem();
        }
        if (e instanceof ReaderException forbidden) {
            return String.format("character U+%04X is not allowed", forbidden.getCodePoint());
        }
        return e.getMessage();
    }

    static String serialize(Node root) {
        DumperOptions dumping = new DumperOptions();
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setIndent(2);
        dumping.setWidth(120);
        LoaderOptions loading = loading();
        StringWriter out = new StringWriter();
        new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading, new CoreSchemaResolver())
                .serialize(root, out);
        return out.toString();
    }

    private static LoaderOptions loading() {
        LoaderOptions loading = new LoaderOptions();
        // Only construction honours this, and compose does not construct: ExperimentReader reports duplicates
        // itself, with both lines, alongside the other errors. Set anyway so that no later load() accepts them.
        loading.setAllowDuplicateKeys(false);
        loading.setMaxAliasesForCollections(20);
        loading.setNestingDepthLimit(20);
        loading.setCodePointLimit(MAX_CODE_POINTS);
        return loading;
    }

    /** Passes the parser's events on and remembers where the last one it handed out or showed starts. */
    private static final class PositionTrackingParser implements Parser {
        private final Parser parser;
        private Mark position;

        PositionTrackingParser(Parser parser) {
            this.parser = parser;
        }

        Mark position() {
            return position;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            seen(parser.peekEvent());
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return seen(parser.peekEvent());
        }

        @Override
        public Event getEvent() {
            return seen(parser.getEvent());
        }

        private Event seen(Event event) {
            if (event != null) {
                position = event.getStartMark();
            }
            return event;
        }
    }

    /** A composer limit exceeded, at the node or alias where it happened. */
    private static final class LimitExceededException extends MarkedYAMLException {
        LimitExceededException(String problem, Mark position) {
            super(null, null, problem, position);
        }
    }

    /** The YAML 1.2 core schema's plain scalars: decimal numbers, {@code true}/{@code false}, {@code null}. */
    private static final class CoreSchemaResolver extends Resolver {
        private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT = Pattern.compile("^[-+]?[0-9]+$");
        private static final Pattern FLOAT =
                Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+.0123456789");
            addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
        }
    }
}
