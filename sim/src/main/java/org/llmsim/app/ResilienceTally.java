package org.llmsim.app;

import java.util.HashMap;
import java.util.Map;

import org.llmsim.metrics.AppResult;

/**
 * What came of the calls to each pool, over the whole run (warm-up and drain included, as the provider's bill):
 * server errors, timeouts, retries, moves to and from a fallback pool, calls the breaker refused, and the spend on
 * calls that failed. Pools are named as their backends are.
 */
final class ResilienceTally {
    /** One pool's counts over the whole run. */
    private static final class Counts {
        long errors;
        long timeouts;
        long retries;
        long fallbackOut;
        long fallbackIn;
        long shortCircuited;
        double failedUsd;
    }

    private final Map<String, Counts> byPool = new HashMap<>();

    private Counts of(String pool) {
        return byPool.computeIfAbsent(pool, p -> new Counts());
    }

    /** A call failed at {@code pool} with a timeout ({@code timeout}) or a server error (or a crash). */
    void failed(String pool, boolean timeout) {
        Counts c = of(pool);
        if (timeout) {
            c.timeouts++;
        } else {
            c.errors++;
        }
    }

    /** A call to {@code pool} is tried there again. */
    void retried(String pool) {
        of(pool).retries++;
    }

    /** The breaker of {@code pool} refused a call. */
    void shortCircuited(String pool) {
        of(pool).shortCircuited++;
    }

    /** A call that failed at {@code pool} was billed {@code usd}. */
    void failedSpend(String pool, double usd) {
        of(pool).failedUsd += usd;
    }

    /** A call to {@code from} moves on to its fallback pool {@code to}. */
    void fellBack(String from, String to) {
        of(from).fallbackOut++;
        of(to).fallbackIn++;
    }

    /** The record of {@code pool} (zeros when nothing happened there), with its breaker's ({@code breaker} or null). */
    AppResult.CallFailures result(String pool, AppResult.BreakerResult breaker) {
        Counts c = of(pool);
        return new AppResult.CallFailures(c.errors, c.timeouts, c.retries, c.fallbackOut, c.fallbackIn,
                c.shortCircuited, c.failedUsd, breaker);
    }
}
