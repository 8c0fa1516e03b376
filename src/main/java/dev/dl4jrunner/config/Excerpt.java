package dev.dl4jrunner.config;

/**
 * Text from the file or the command line as an error message shows it: on one line, without characters a
 * terminal would act on, and short, since the location says where the rest is.
 */
final class Excerpt {
    /** Characters of a value shown, escapes included, before it is cut off with {@code ...}. */
    static final int MAX_LENGTH = 60;

    private Excerpt() {
    }

    /** {@code 'value'}, escaped and shortened. */
    static String quoted(String text) {
        return "'" + of(text) + "'";
    }

    /** The text escaped, and cut after {@link #MAX_LENGTH} characters when longer. */
    static String of(String text) {
        StringBuilder shown = new StringBuilder();
        for (int offset = 0; offset < text.length(); ) {
            if (shown.length() >= MAX_LENGTH) {
                return shown.append("...").toString();
            }
            int c = text.codePointAt(offset);
            shown.append(needsEscape(c) ? escape(c) : Character.toString(c));
            offset += Character.charCount(c);
        }
        return shown.toString();
    }

    /**
     * The text with line breaks, control, format and unassigned characters written as YAML's double-quoted
     * escapes ({@code \n}, {@code \t}, {@code \x1B}, {@code \u2028}); everything else, backslashes included, as is.
     */
    static String escape(String text) {
        if (text.codePoints().noneMatch(Excerpt::needsEscape)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> escaped.append(needsEscape(c) ? escape(c) : Character.toString(c)));
        return escaped.toString();
    }

    private static boolean needsEscape(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String escape(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c <= 0xff ? String.format("\\x%02X", c)
                    : c <= 0xffff ? String.format("\\u%04X", c) : String.format("\\U%08X", c);
        };
    }
}
