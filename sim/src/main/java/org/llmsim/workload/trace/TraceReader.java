package org.llmsim.workload.trace;

import java.io.Closeable;

/**
 * Reads a trace one row at a time, never holding more than the current row: a multi-million-row file replays in
 * constant memory. Rows come in file order.
 */
public interface TraceReader extends Closeable {

    /**
     * Fills {@code row} with the next row.
     *
     * @return false at the end of the file
     * @throws TraceException naming the file and line when a row cannot be read
     */
    boolean next(TraceRow row);

    /** The file, as named in messages. */
    String file();

    @Override
    void close();
}
