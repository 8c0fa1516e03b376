package dev.dl4jrunner.runs;

/**
 * Whether two settings as written in {@code config.yaml} say the same: numbers by value ({@code 1e-4} is
 * {@code 1.0E-4}), lists without regard to spaces, anything else as text.
 */
final class SettingValues {
    private SettingValues() {
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return x.equals(y);
        }
        return a.replace(" ", "").equals(b.replace(" ", ""));
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
