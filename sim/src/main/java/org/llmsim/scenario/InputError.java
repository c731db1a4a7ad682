package org.llmsim.scenario;

/**
 * One problem in a user's input: the file, the line (when known), the field path and what is wrong and allowed.
 * Printed as {@code file:line: path: message}, on one line.
 */
public record InputError(String file, Integer line, String path, String message) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (line != null) {
                b.append(':').append(line);
            }
            b.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return printable(b.append(message).toString());
    }

    /** One line of text: control characters (of a binary file or a pasted value) become '?', and it stays short. */
    static String printable(String line) {
        StringBuilder b = new StringBuilder(Math.min(line.length(), MAX_CHARS));
        for (int i = 0; i < line.length() && b.length() < MAX_CHARS; i++) {
            char c = line.charAt(i);
            b.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        return b.length() < line.length() ? b.append("...").toString() : b.toString();
    }

    private static final int MAX_CHARS = 2000;
}
