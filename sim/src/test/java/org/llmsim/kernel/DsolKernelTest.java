package org.llmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.WeakReference;

import org.junit.jupiter.api.Test;

/**
 * DSOL keeps the last simulator reachable (its logger is registered JVM-wide), as a test keeps its kernel: what a run
 * built must not stay reachable through it once the run is over, or a run that ran out of memory keeps the heap full
 * while llmsim cleans up and reports.
 */
class DsolKernelTest {
    @Test
    void afterARun_theKernelNoLongerHoldsWhatTheRunBuilt() throws InterruptedException {
        DsolKernel kernel = new DsolKernel();
        WeakReference<Object> state = runWithState(kernel, false);
        assertNull(collected(state), "the run's state is unreachable while the kernel lives");
    }

    @Test
    void afterAFailedRun_theKernelNoLongerHoldsWhatTheRunBuilt() throws InterruptedException {
        DsolKernel kernel = new DsolKernel();
        WeakReference<Object> state = runWithState(kernel, true);
        assertNull(collected(state), "the run's state is unreachable while the kernel lives");
    }

    /** Runs {@code kernel} with some state that its setup and a late event hold; the state, weakly. */
    private static WeakReference<Object> runWithState(DsolKernel kernel, boolean fail) {
        Object state = new int[100_000];
        Runnable setup = () -> {
            kernel.at(1, EventPriority.ARRIVAL, () -> {
                if (fail) {
                    throw new IllegalStateException("an event fails");
                }
            });
            kernel.at(5, EventPriority.ARRIVAL, state::hashCode);
        };
        if (fail) {
            assertThrows(IllegalStateException.class, () -> kernel.run(10, setup));
        } else {
            kernel.run(10, setup);
        }
        return new WeakReference<>(state);
    }

    /** The referent once the collector has run (a few requests, as System.gc is one). */
    private static Object collected(WeakReference<Object> ref) throws InterruptedException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return ref.get();
    }
}
