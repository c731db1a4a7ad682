package org.llmsim.kernel;

/**
 * A run ended early because a stop was requested ({@link StopRequest}); not a failure. The message, when there is
 * one, says what became of the run's output.
 */
public final class RunStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunStopped(String message) {
        super(message, null, false, false);
    }
}
