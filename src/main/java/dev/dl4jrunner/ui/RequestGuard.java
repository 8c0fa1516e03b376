package dev.dl4jrunner.ui;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses request paths that could climb out of where they point: dot segments, backslashes and NUL bytes, also
 * percent-encoded. It runs before every route, ours and DL4J's (whose asset route would pass a raw path on to
 * the file system).
 */
final class RequestGuard {
    private RequestGuard() {
    }

    static boolean isSafe(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return false;
        }
        String path = decode(rawPath);
        if (path == null || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes twice over, so {@code %252e} is caught too; null for a malformed escape. */
    private static String decode(String path) {
        String decoded = path;
        for (int round = 0; round < 2; round++) {
            if (decoded.indexOf('%') < 0) {
                return decoded;
            }
            try {
                decoded = java.net.URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return decoded.toLowerCase(Locale.ROOT).contains("%2e") ? null : decoded;
    }
}
