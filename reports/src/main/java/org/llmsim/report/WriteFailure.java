package org.llmsim.report;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing an output file failed (a full disk) where a checked exception cannot pass: while the simulation streams
 * {@code requests.csv}. Unlike other unchecked I/O failures (reading a trace), it is about llmsim's output.
 */
public final class WriteFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public WriteFailure(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
