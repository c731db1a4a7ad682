package org.llmsim.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for runs submitted to an executor, results in submission order. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for every future, in order.
     *
     * @return their results, in the order of {@code futures}
     * @throws RuntimeException the failure of the first failing future in that order, as it was thrown (the others
     *                          are cancelled)
     */
    public static <T> List<T> awaitInOrder(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }
}
