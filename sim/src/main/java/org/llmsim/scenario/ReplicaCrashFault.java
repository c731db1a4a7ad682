package org.llmsim.scenario;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A replica of a GPU pool crashes ({@code kind: replica_crash}): its KV cache and every request it held (running and
 * queued) are lost; it stays provisioned, and paid, while it restarts for {@code restart_s}, then serves again. Lost
 * requests are sent again through the pool's router ({@code in_flight: retry}) or counted as failed
 * ({@code lose}).
 *
 * @param pool        the GPU pool, by name
 * @param replica     which replica, 0-based within the pool; left out, a replica that is up is drawn at random
 * @param atS         one crash at this time, seconds (in {@code [0, duration_s)})
 * @param ratePerHour instead of {@code at_s}: each replica that is up crashes at this rate, a Poisson process, while
 *                    requests arrive (a mean time between failures of {@code 1 / rate_per_hour} hours)
 * @param restartS    seconds until the replica serves again (default: the pool's cold start)
 * @param inFlight    what happens to the requests it held: {@code retry} (default) or {@code lose}
 */
public record ReplicaCrashFault(String pool, Integer replica, Double atS, Double ratePerHour, Double restartS,
        InFlight inFlight) implements FaultSpec {

    public static final String KIND = "replica_crash";

    public ReplicaCrashFault {
        if (inFlight == null) {
            inFlight = InFlight.RETRY;
        }
    }

    /** What a crash does to the requests on the replica. */
    public enum InFlight {
        /** Sent again through the pool's router, from scratch (their first token and schedule are reset). */
        @JsonProperty("retry") RETRY,
        /** Counted as failed ({@code replica_crash}). */
        @JsonProperty("lose") LOSE;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void validate(String path, Problems p) {
        p.required(path + ".pool", pool);
        p.nonNegative(path + ".replica", replica);
        if ((atS == null) == (ratePerHour == null)) {
            p.add(path, "needs exactly one of at_s (one crash) and rate_per_hour (crashes at random)");
        }
        p.nonNegative(path + ".at_s", atS);
        p.positive(path + ".rate_per_hour", ratePerHour);
        p.nonNegative(path + ".restart_s", restartS);
    }

    @Override
    public String describe() {
        String when = atS != null ? "at " + Problems.format(atS) + " s"
                : Problems.format(ratePerHour) + " per replica-hour";
        return String.format(Locale.ROOT, "replica_crash of %s %s %s, restart %s, in-flight requests %s", pool,
                replica == null ? "(a random replica)" : "replica " + replica, when,
                restartS == null ? "after the pool's cold start" : Problems.format(restartS) + " s",
                inFlight.yamlName());
    }
}
