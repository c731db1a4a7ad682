package org.llmsim.metrics;

import org.llmsim.request.Request;

/**
 * Receives every request once its fate is final (completed, rejected, or unfinished at the end of the run), in
 * simulation order. The {@code requests.csv} writer is one; it must be fast and may not keep references.
 */
@FunctionalInterface
public interface RequestSink {
    void accept(Request request);

    /**
     * Where the requests of router domain {@code domain} of a fleet go (domains number their requests and replicas
     * on their own); by default this sink itself.
     */
    default RequestSink forDomain(int domain) {
        return this;
    }

    /** A sink that drops everything. */
    RequestSink NONE = r -> {
    };
}
