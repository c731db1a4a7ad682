package org.llmsim.kernel;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import nl.tudelft.simulation.dsol.eventlists.EventListInterface;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;

/**
 * DSOL's event list as an array-backed binary min-heap that orders the kernel's own events by their primitive fields
 * (time, then priority, then sequence) without boxing or interface dispatch; DSOL's own events (the end of the
 * replication) fall back to {@code compareTo}. The order is the one {@code EventListPriorityQueue} gives, since no two
 * events compare equal (sequences are unique), so runs are the same event for event; it is faster because the event
 * list is the simulator's hottest path (one add and one removal per forward pass).
 */
final class EventHeap implements EventListInterface<Double> {
    private static final int INITIAL_CAPACITY = 64;
    /** What a cleared heap holds: shared, so that clearing allocates nothing. */
    private static final SimEventInterface<Double>[] NONE = newArray(0);
    private SimEventInterface<Double>[] heap = newArray(INITIAL_CAPACITY);
    private int size;

    @SuppressWarnings("unchecked")
    private static SimEventInterface<Double>[] newArray(int n) {
        return (SimEventInterface<Double>[]) new SimEventInterface<?>[n];
    }

    /** Whether {@code a} runs before {@code b}. */
    private static boolean before(SimEventInterface<Double> a, SimEventInterface<Double> b) {
        if (a instanceof DsolKernel.KernelEvent x && b instanceof DsolKernel.KernelEvent y) {
            if (x.timeS != y.timeS) {
                return x.timeS < y.timeS;
            }
            if (x.priority != y.priority) {
                return x.priority > y.priority;
            }
            return x.sequence < y.sequence;
        }
        return a.compareTo(b) < 0;
    }

    @Override
    public void add(SimEventInterface<Double> event) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, Math.max(INITIAL_CAPACITY, size * 2));
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            SimEventInterface<Double> p = heap[parent];
            if (!before(event, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = event;
    }

    @Override
    public SimEventInterface<Double> first() {
        return size == 0 ? null : heap[0];
    }

    @Override
    public SimEventInterface<Double> removeFirst() {
        if (size == 0) {
            return null;
        }
        SimEventInterface<Double> top = heap[0];
        removeAt(0);
        return top;
    }

    private void removeAt(int index) {
        SimEventInterface<Double> last = heap[--size];
        heap[size] = null;
        if (index == size) {
            return;
        }
        // sift the last event down from index (and up, when removing from the middle)
        int i = index;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            SimEventInterface<Double> c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, last)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = last;
        if (i == index) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                SimEventInterface<Double> p = heap[parent];
                if (!before(last, p)) {
                    break;
                }
                heap[i] = p;
                i = parent;
            }
            heap[i] = last;
        }
    }

    @Override
    public boolean remove(SimEventInterface<Double> event) {
        for (int i = 0; i < size; i++) {
            if (heap[i] == event) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean contains(SimEventInterface<Double> event) {
        for (int i = 0; i < size; i++) {
            if (heap[i] == event) {
                return true;
            }
        }
        return false;
    }

    /** Drops every event, and the array that held them, without allocating (it may run with the heap full). */
    @Override
    public void clear() {
        heap = NONE;
        size = 0;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    /** The events in heap order (not time order), as a snapshot. */
    @Override
    public Iterator<SimEventInterface<Double>> iterator() {
        return List.of(Arrays.copyOf(heap, size)).iterator();
    }
}
