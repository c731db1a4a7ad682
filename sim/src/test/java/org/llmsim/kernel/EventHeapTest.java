package org.llmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import nl.tudelft.simulation.dsol.eventlists.EventListPriorityQueue;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import org.junit.jupiter.api.Test;

class EventHeapTest {

    @Test
    void givesTheOrderOfDsolsPriorityQueue_underInterleavedAddsAndRemovals() {
        // given events with many equal times and priorities, added and taken in a random interleaving
        DsolKernel kernel = new DsolKernel();
        SplittableRandom rng = new SplittableRandom(3);
        EventHeap heap = new EventHeap();
        EventListPriorityQueue<Double> reference = new EventListPriorityQueue<>();
        long sequence = 0;
        List<SimEventInterface<Double>> fromHeap = new ArrayList<>();
        List<SimEventInterface<Double>> fromReference = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (heap.isEmpty() || rng.nextDouble() < 0.55) {
                double t = rng.nextInt(50) * 0.5; // ties on time
                short priority = (short) (1 + rng.nextInt(3)); // and on priority
                DsolKernel.KernelEvent e = kernel.new KernelEvent(t, priority, sequence++, () -> { });
                heap.add(e);
                reference.add(e);
            } else {
                fromHeap.add(heap.removeFirst());
                fromReference.add(reference.removeFirst());
            }
            assertEquals(reference.size(), heap.size());
            assertSame(reference.first(), heap.first());
        }
        while (!heap.isEmpty()) {
            fromHeap.add(heap.removeFirst());
            fromReference.add(reference.removeFirst());
        }
        // then both hand out the very same events in the very same order
        assertEquals(fromReference.size(), fromHeap.size());
        for (int i = 0; i < fromHeap.size(); i++) {
            assertSame(fromReference.get(i), fromHeap.get(i), "event " + i);
        }
        assertNull(heap.removeFirst());
    }

    @Test
    void removesAnEventFromTheMiddle_andKeepsTheRestInOrder() {
        DsolKernel kernel = new DsolKernel();
        EventHeap heap = new EventHeap();
        List<DsolKernel.KernelEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DsolKernel.KernelEvent e = kernel.new KernelEvent((i * 37) % 100, (short) 5, i, () -> { });
            events.add(e);
            heap.add(e);
        }
        assertTrue(heap.remove(events.get(42)));
        assertTrue(!heap.contains(events.get(42)) && heap.contains(events.get(43)));
        double last = -1;
        int n = 0;
        while (!heap.isEmpty()) {
            double t = heap.removeFirst().getAbsoluteExecutionTime();
            assertTrue(t >= last);
            last = t;
            n++;
        }
        assertEquals(99, n);
    }

    @Test
    void aClearedHeap_holdsNothing_andTakesEventsAgainInOrder() {
        DsolKernel kernel = new DsolKernel();
        EventHeap heap = new EventHeap();
        for (int i = 0; i < 200; i++) {
            heap.add(kernel.new KernelEvent(i, (short) 5, i, () -> { }));
        }
        heap.clear();
        assertTrue(heap.isEmpty());
        assertNull(heap.first());
        assertEquals(0, heap.size());
        for (int i = 0; i < 100; i++) {
            heap.add(kernel.new KernelEvent((i * 37) % 100, (short) 5, 1000 + i, () -> { }));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals((double) i, heap.removeFirst().getAbsoluteExecutionTime());
        }
        assertTrue(heap.isEmpty());
    }
}
