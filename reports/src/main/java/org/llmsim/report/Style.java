package org.llmsim.report;

/** Terminal styling: ANSI colours when writing to a terminal (and NO_COLOR is not set), plain text otherwise. */
public final class Style {
    private final boolean color;

    public Style(boolean color) {
        this.color = color;
    }

    /** Colours only on an interactive terminal, honouring the NO_COLOR convention. */
    public static Style detect() {
        boolean tty = System.console() != null;
        String noColor = System.getenv("NO_COLOR");
        return new Style(tty && (noColor == null || noColor.isEmpty()));
    }

    public static final Style PLAIN = new Style(false);

    public boolean isColor() {
        return color;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
