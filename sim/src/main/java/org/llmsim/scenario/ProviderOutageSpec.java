package org.llmsim.scenario;

import java.util.Locale;

/**
 * An API provider's outage ({@code faults[i]}, {@code kind: provider_outage}): during {@code [start_s, start_s +
 * duration_s)} a share {@code error_rate} (default 1, all) of the calls sent to provider pool {@code pool} fail.
 * With {@code mode: error} (the default) they fail fast, as an HTTP 5xx after {@code error_latency_s} (default: a
 * network round trip of the provider's profile); with {@code mode: timeout} the provider accepts the connection and
 * never answers, so the call hangs until the client's {@code timeout_s} or, without one, until the outage ends and
 * the connection drops. Failed calls are not billed.
 *
 * @param pool          the provider pool that fails
 * @param startS        start of the outage, seconds
 * @param durationS     length of the outage, seconds
 * @param mode          {@code error} or {@code timeout}
 * @param errorRate     share of the calls sent during the outage that fail, in (0, 1]
 * @param errorLatencyS time until a failing call's error arrives ({@code mode: error}), seconds
 */
public record ProviderOutageSpec(String pool, Double startS, Double durationS, String mode, Double errorRate,
        TimeSpec errorLatencyS) implements FaultSpec {
    /** Calls fail fast with a server error. */
    public static final String ERROR = "error";
    /** Calls hang until the client's timeout (or the end of the outage). */
    public static final String TIMEOUT = "timeout";

    public ProviderOutageSpec {
        if (mode == null) {
            mode = ERROR;
        }
        if (errorRate == null) {
            errorRate = 1.0;
        }
    }

    /** When the outage ends, seconds. */
    public double endS() {
        return startS + durationS;
    }

    @Override
    public String kind() {
        return "provider_outage";
    }

    @Override
    public void validate(String path, Problems p) {
        FaultSpec.validateWindow(path, pool, startS, durationS, p);
        if (!ERROR.equals(mode) && !TIMEOUT.equals(mode)) {
            p.add(path + ".mode", "must be one of error, timeout, got '" + mode + "'");
        }
        p.fraction(path + ".error_rate", errorRate);
        if (errorLatencyS != null) {
            errorLatencyS.validate(path + ".error_latency_s", p);
            if (TIMEOUT.equals(mode)) {
                p.add(path + ".error_latency_s", "applies to mode: error only (in mode timeout calls get no answer)");
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "provider_outage of %s in %s-%s s: %s calls %s", pool,
                Problems.format(startS), Problems.format(endS()), errorRate >= 1 ? "all" : Problems.format(errorRate) + " of the",
                ERROR.equals(mode) ? "fail fast" : "hang until the timeout");
    }

    @Override
    public boolean strikesProvider() {
        return true;
    }
}
