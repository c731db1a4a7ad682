package org.llmsim.kernel;

/**
 * A request, from any thread, that every simulation in this process stop soon (Ctrl-C, a termination signal).
 * Running kernels look at it every {@value #CHECK_EVERY} events and end with {@link RunStopped}; new runs do not
 * start. One volatile read per thousand events costs nothing measurable.
 */
public final class StopRequest {
    /** Events between two looks at the flag: a power of two, so the test is a mask. */
    public static final int CHECK_EVERY = 1024;
    private static volatile boolean requested;

    private StopRequest() {
    }

    /** Asks every run of this process to stop. */
    public static void request() {
        requested = true;
    }

    /** Whether a stop was requested. */
    public static boolean requested() {
        return requested;
    }

    /** Throws {@link RunStopped} if a stop was requested: for loops that do not run on the kernel. */
    public static void check() {
        if (requested) {
            throw new RunStopped(null);
        }
    }

    /** Forgets a request; for tests that stop a run and go on in the same process. */
    public static void clear() {
        requested = false;
    }
}
