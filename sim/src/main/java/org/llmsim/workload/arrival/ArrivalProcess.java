package org.llmsim.workload.arrival;

/**
 * An open arrival process. Calls come in time order, each from the previous arrival, so a process may keep state
 * (the phase of an on/off process) between calls.
 */
@FunctionalInterface
public interface ArrivalProcess {

    /** The next arrival after {@code afterS} seconds (at or after it), or positive infinity when none will come. */
    double nextArrivalS(double afterS);
}
