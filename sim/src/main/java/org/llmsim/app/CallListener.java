package org.llmsim.app;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;

/**
 * The replicas' listener when an application layer runs: what the engine says about a backend call (finished,
 * refused) goes to the gateway, which decides what it means for the user request; everything else (forward passes,
 * inter-token gaps, prefix-cache lookups, preemptions) goes straight to the metrics. A call counts in the
 * statistics when its user request does.
 */
public final class CallListener implements EngineListener {
    private final EngineListener metrics;
    private CallOutcomes gateway;

    public CallListener(EngineListener metrics) {
        this.metrics = metrics;
    }

    /** Connects the gateway (built after the replicas it routes to). */
    public void connect(CallOutcomes outcomes) {
        this.gateway = outcomes;
    }

    @Override
    public void onFinished(Request request, double timeS) {
        if (Journey.isCall(request)) {
            gateway.gpuCallFinished(request, timeS);
        } else {
            metrics.onFinished(request, timeS);
        }
    }

    @Override
    public void onRejected(Request request, double timeS) {
        if (Journey.isCall(request)) {
            gateway.callRejected(request, timeS);
        } else {
            metrics.onRejected(request, timeS);
        }
    }

    @Override
    public void onFailed(Request request, double timeS) {
        if (Journey.isCall(request)) {
            gateway.callFailed(request, timeS);
        } else {
            metrics.onFailed(request, timeS);
        }
    }

    @Override
    public void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceFull) {
        metrics.onPreempted(request, timeS, mode, swapSpaceFull);
    }

    @Override
    public void onIteration(int replica, double startS, double endS, int sequences, long newTokens, int outputTokens,
            int usedBlocks, int totalBlocks) {
        metrics.onIteration(replica, startS, endS, sequences, newTokens, outputTokens, usedBlocks, totalBlocks);
    }

    @Override
    public void onPassPower(int replica, double startS, double endS, double watts) {
        metrics.onPassPower(replica, startS, endS, watts);
    }

    @Override
    public boolean measures(Request request) {
        return metrics.measures(Journey.userOf(request));
    }

    @Override
    public void onTokenGaps(double gapS, long count) {
        metrics.onTokenGaps(gapS, count);
    }

    @Override
    public void onPrefixCacheLookup(Request request, long queriedTokens, long hitTokens, boolean firstTime) {
        metrics.onPrefixCacheLookup(request, queriedTokens, hitTokens, firstTime);
    }

    @Override
    public void onPreemptionCost(int replica, double swapS, double swappedBytes, double recomputeS,
            long recomputeTokens) {
        metrics.onPreemptionCost(replica, swapS, swappedBytes, recomputeS, recomputeTokens);
    }
}
