package org.llmsim.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;

/**
 * The engine's server in front of its loop: a request spends {@code latencyS} there (HTTP, tokenization, the
 * hand-off to the engine loop) before a pass can take it. Every request takes the same time, so they leave in the
 * order they came; a request in the frontend is held by the replica, as far as routers and the end of a run see.
 */
final class ServerFrontend {
    private final EventScheduler clock;
    private final double latencyS;
    private final ArrayDeque<Request> inside = new ArrayDeque<>();
    /** Bumped when the replica crashes: the hand-offs already scheduled then find nothing to hand off. */
    private int epoch;

    ServerFrontend(EventScheduler clock, double latencyS) {
        this.clock = clock;
        this.latencyS = latencyS;
    }

    /** Whether requests go straight to the engine loop. */
    boolean passThrough() {
        return latencyS <= 0;
    }

    /** Takes {@code request} in; it goes to {@code engine} after the latency. */
    void accept(Request request, Consumer<Request> engine) {
        inside.add(request);
        int at = epoch;
        clock.after(latencyS, EventPriority.ARRIVAL, () -> {
            if (at == epoch && !inside.isEmpty() && inside.peek() == request) {
                engine.accept(inside.poll());
            }
        });
    }

    int size() {
        return inside.size();
    }

    /** Removes a request still in the frontend; returns whether it was there. */
    boolean remove(Request request) {
        return inside.remove(request);
    }

    void forEach(Consumer<Request> visitor) {
        inside.forEach(visitor);
    }

    /** Everything inside, which the crash loses; the frontend is empty afterwards. */
    List<Request> drain() {
        epoch++;
        List<Request> held = List.copyOf(inside);
        inside.clear();
        return held;
    }
}
