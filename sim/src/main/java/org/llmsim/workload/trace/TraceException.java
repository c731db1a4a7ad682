package org.llmsim.workload.trace;

/**
 * A problem in a trace file, at a line (1-based; 0 when it concerns the whole file). The scenario loader turns it
 * into a {@code file:line: message} input error.
 */
public final class TraceException extends RuntimeException {
    private final String file;
    private final long line;

    public TraceException(String file, long line, String message) {
        super(printable(message), null, false, false);
        this.file = file;
        this.line = line;
    }

    /** Most of a message fits on a line: control characters and undecodable bytes of a binary file become '?'. */
    static String printable(String message) {
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS));
        for (int i = 0; i < message.length() && b.length() < MAX_MESSAGE_CHARS; i++) {
            char c = message.charAt(i);
            b.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        if (b.length() < message.length()) {
            b.append("...");
        }
        return b.toString();
    }

    /** Whether a line of text holds binary data (control characters other than tab, or undecodable bytes). */
    static boolean isBinary(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\uFFFD' || Character.isISOControl(c) && c != '\t') {
                return true;
            }
        }
        return false;
    }

    private static final int MAX_MESSAGE_CHARS = 600;

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
