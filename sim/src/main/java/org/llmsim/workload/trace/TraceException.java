package org.llmsim.workload.trace;

/**
 * A problem in a trace file, at a line (1-based; 0 when it concerns the whole file). The scenario loader turns it
 * into a {@code file:line: message} input error.
 */
public final class TraceException extends RuntimeException {
    private final String file;
    private final long line;

    public TraceException(String file, long line, String message) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
    }

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
