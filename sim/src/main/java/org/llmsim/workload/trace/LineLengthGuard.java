package org.llmsim.workload.trace;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops reading at a line longer than any trace row can be, so that a file without line breaks (binary data, one
 * huge JSON document) is refused with its line number instead of being gathered into memory as one line.
 */
final class LineLengthGuard extends FilterReader {
    /** Far longer than a row of any trace layout (a few dozen characters, a few hundred with ids). */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** The guard's complaint, told apart from other read errors. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("the line is longer than " + MAX_LINE_CHARS + " characters (a binary file, or no line breaks?)");
        }
    }

    private int sinceBreak;

    LineLengthGuard(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        count(c);
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(int c) throws LineTooLong {
        if (c == '\n') {
            sinceBreak = 0;
        } else if (c >= 0 && ++sinceBreak > MAX_LINE_CHARS) {
            throw new LineTooLong();
        }
    }
}
