package org.llmsim.engine;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The sequences waiting for a replica, in admission order (vLLM's {@code RequestQueue}): {@link #fcfs()} by arrival,
 * {@link #byPriority()} by {@link org.llmsim.request.Request#priority()} then arrival.
 */
interface WaitingQueue extends Iterable<Sequence> {

    /** Adds a newly arrived sequence. */
    void append(Sequence s);

    /** Puts back a preempted sequence: at the head in FCFS order, at its place by priority otherwise. */
    void prepend(Sequence s);

    /** The next sequence to admit, or null. */
    Sequence peek();

    /** Removes and returns the next sequence to admit, or null. */
    Sequence poll();

    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    static WaitingQueue create(SchedulingOrder order) {
        return order == SchedulingOrder.PRIORITY ? byPriority() : fcfs();
    }

    /** Arrival order; O(1) operations. */
    static WaitingQueue fcfs() {
        return new Fcfs();
    }

    /** Priority (smaller first), then arrival time, then admission order; O(log n) operations. */
    static WaitingQueue byPriority() {
        return new ByPriority();
    }

    /** Ranks sequences by priority, then arrival, then admission order: the first is served first. */
    Comparator<Sequence> PRIORITY_ORDER = Comparator.comparingInt((Sequence s) -> s.request.priority())
            .thenComparingDouble(s -> s.request.arrivalS()).thenComparingLong(s -> s.order);

    final class Fcfs extends ArrayDeque<Sequence> implements WaitingQueue {
        @Override
        public void append(Sequence s) {
            addLast(s);
        }

        @Override
        public void prepend(Sequence s) {
            addFirst(s);
        }
    }

    final class ByPriority extends PriorityQueue<Sequence> implements WaitingQueue {
        ByPriority() {
            super(PRIORITY_ORDER);
        }

        @Override
        public void append(Sequence s) {
            add(s);
        }

        @Override
        public void prepend(Sequence s) {
            add(s);
        }
    }
}
