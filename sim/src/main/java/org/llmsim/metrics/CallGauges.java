package org.llmsim.metrics;

/**
 * The live state of an API provider pool for the time series: calls on their way (sent, not yet answered or
 * failed) count as running; nothing waits on this side, no replica is provisioned and no KV is held. Each call sent
 * counts as an arrival of its interval, so a fallback taking over shows as a rise in its arrivals.
 */
public final class CallGauges implements PoolGauges {
    private final int poolIndex;
    private TimeSeriesSampler sampler;
    private int inFlight;

    /** @param poolIndex the pool's position in the sampler's pool list */
    public CallGauges(int poolIndex) {
        this.poolIndex = poolIndex;
    }

    /** Connects the sampler (built after the gauges it reads). */
    public void connect(TimeSeriesSampler s) {
        this.sampler = s;
    }

    /** A call was sent. */
    public void sent() {
        inFlight++;
        if (sampler != null) {
            sampler.onCall(poolIndex);
        }
    }

    /** A call was answered or failed. */
    public void done() {
        inFlight--;
    }

    @Override
    public int provisionedReplicas() {
        return 0;
    }

    @Override
    public int waiting() {
        return 0;
    }

    @Override
    public int running() {
        return inFlight;
    }

    @Override
    public double kvUtilization() {
        return 0;
    }

    @Override
    public double usdPerHour() {
        return 0;
    }
}
