package org.llmsim.app;

import org.llmsim.request.Request;

/**
 * Where model calls go: a pool of GPU replicas behind its router ({@link GpuPoolBackend}) or an external API
 * ({@link ProviderBackend}). A backend reports each call's outcome to the {@link CallOutcomes} it was built with,
 * exactly once: finished, or refused (possibly at once, inside {@link #submit}). Calls still running when the run
 * stops get no outcome.
 */
public interface Backend {

    /** The pool's name. */
    String name();

    /** Starts a call (a {@link Request} made by {@link org.llmsim.request.Journey#newCall} for a user request). */
    void submit(Request call);

    /** Calls waiting for their first forward pass (0 for an API: it queues on the provider's side). */
    int waiting();

    /** Drops a call still waiting for its first pass (a timeout); returns whether it did. */
    boolean abortWaiting(Request call, String reason);
}
