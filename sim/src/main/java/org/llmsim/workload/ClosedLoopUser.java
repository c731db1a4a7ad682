package org.llmsim.workload;

/**
 * One client of a closed loop: it sends a request (or runs a session), waits until it is answered, thinks, and sends
 * the next. After a rejection it waits the backoff instead of thinking, so a client that keeps being refused cannot
 * spin at one instant.
 */
final class ClosedLoopUser {
    final ClosedLoopSource source;
    final int index;

    ClosedLoopUser(ClosedLoopSource source, int index) {
        this.source = source;
        this.index = index;
    }
}
