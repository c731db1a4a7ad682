package org.llmsim.scenario;

import java.util.Locale;

/**
 * A provider slowing down ({@code faults[i]}, {@code kind: latency_spike}): calls sent to provider pool {@code pool}
 * during {@code [start_s, start_s + duration_s)} wait {@code ttft_factor} times the usual provider time to first
 * token (and prompt processing), then stream their output at {@code throughput_factor} times the usual speed (0.5:
 * half as fast). The network round trip is unchanged.
 *
 * @param pool             the provider pool that slows down
 * @param startS           start of the spike, seconds
 * @param durationS        length of the spike, seconds
 * @param ttftFactor       multiplier of the provider's time to first token, &gt; 0 (default 1)
 * @param throughputFactor multiplier of the output tokens per second, &gt; 0 (default 1)
 */
public record LatencySpikeSpec(String pool, Double startS, Double durationS, Double ttftFactor,
        Double throughputFactor) implements FaultSpec {

    public LatencySpikeSpec {
        if (ttftFactor == null) {
            ttftFactor = 1.0;
        }
        if (throughputFactor == null) {
            throughputFactor = 1.0;
        }
    }

    /** When the spike ends, seconds. */
    public double endS() {
        return startS + durationS;
    }

    @Override
    public String kind() {
        return "latency_spike";
    }

    @Override
    public void validate(String path, Problems p) {
        FaultSpec.validateWindow(path, pool, startS, durationS, p);
        p.positive(path + ".ttft_factor", ttftFactor);
        p.positive(path + ".throughput_factor", throughputFactor);
        if (ttftFactor == 1.0 && throughputFactor == 1.0) {
            p.add(path, "changes nothing: set ttft_factor (e.g. 3: three times slower to the first token) or "
                    + "throughput_factor (e.g. 0.5: half the output speed)");
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "latency_spike of %s in %s-%s s: TTFT x%s, output speed x%s", pool,
                Problems.format(startS), Problems.format(endS()), Problems.format(ttftFactor),
                Problems.format(throughputFactor));
    }

    @Override
    public boolean strikesProvider() {
        return true;
    }
}
