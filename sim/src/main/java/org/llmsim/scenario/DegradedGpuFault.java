package org.llmsim.scenario;

import java.util.Locale;

/**
 * A degraded GPU ({@code kind: degraded_gpu}): every forward pass of the replica that starts inside
 * {@code [from_s, to_s)} takes {@code slowdown} times as long (a throttled or faulty GPU holds back its whole
 * tensor-parallel group). The physics of a pass is unchanged; only its time is stretched.
 *
 * @param pool     the GPU pool, by name
 * @param replica  which replica, 0-based within the pool; left out, every replica of the pool
 * @param fromS    start of the degradation, seconds (default 0)
 * @param toS      end of the degradation, seconds (default: never)
 * @param slowdown factor on the time of each pass, at least 1
 */
public record DegradedGpuFault(String pool, Integer replica, Double fromS, Double toS, Double slowdown)
        implements FaultSpec {

    public static final String KIND = "degraded_gpu";

    public DegradedGpuFault {
        if (fromS == null) {
            fromS = 0.0;
        }
        if (toS == null) {
            toS = Double.POSITIVE_INFINITY;
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
        p.nonNegative(path + ".from_s", fromS);
        if (toS != null && fromS != null && !(toS > fromS)) {
            p.add(path + ".to_s", "must be > from_s (" + Problems.format(fromS) + "), got " + Problems.format(toS));
        }
        if (p.required(path + ".slowdown", slowdown) && !(slowdown >= 1 && Double.isFinite(slowdown))) {
            p.add(path + ".slowdown", "must be >= 1 (a factor on each pass's time; a GPU is never faster than its "
                    + "physics), got " + Problems.format(slowdown));
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "degraded_gpu on %s %s: passes x%s from %s s%s", pool,
                replica == null ? "(every replica)" : "replica " + replica, Problems.format(slowdown),
                Problems.format(fromS), Double.isInfinite(toS) ? "" : " to " + Problems.format(toS) + " s");
    }
}
