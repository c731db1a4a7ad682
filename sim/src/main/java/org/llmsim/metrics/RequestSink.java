package org.llmsim.metrics;

import org.llmsim.request.Request;

/**
 * Receives every request once its fate is final (completed, rejected, or unfinished at the end of the run), in
 * simulation order. The {@code requests.csv} writer is one; it must be fast and may not keep references.
 */
@FunctionalInterface
public interface RequestSink {
    void accept(Request request);

    /** A sink that drops everything. */
    RequestSink NONE = r -> {
    };
}
