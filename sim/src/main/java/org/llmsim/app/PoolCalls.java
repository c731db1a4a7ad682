package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.llmsim.engine.Replica;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.LatencyHistogram;
import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.request.Request;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.Scenario;

/**
 * The calls each pool served over the whole run, by the pool's position in {@code cluster.pools}: sent, answered,
 * refused, tokens by kind, API spend, and each call's time to first and last token.
 */
final class PoolCalls {
    private static final class Tally {
        final String name;
        final String kind;
        final String provider;
        final boolean batch;
        long calls;
        long completed;
        long rejected;
        long rateLimited;
        long inputTokens;
        long cachedInputTokens;
        long cacheWriteTokens;
        long outputTokens;
        double apiUsd;
        final LatencyHistogram ttft = new LatencyHistogram();
        final LatencyHistogram e2e = new LatencyHistogram();

        Tally(String name, String kind, String provider, boolean batch) {
            this.name = name;
            this.kind = kind;
            this.provider = provider;
            this.batch = batch;
        }
    }

    private final Tally[] byFileIndex;
    private final int[] gpuPoolOfReplica;
    private final int[] fileIndexOfGpuPool;
    private final List<PoolPlan> gpuPools;

    PoolCalls(Scenario scenario, List<Replica> replicas) {
        int n = scenario.pools().size() + scenario.providers().size();
        this.byFileIndex = new Tally[n];
        this.gpuPools = scenario.pools();
        this.fileIndexOfGpuPool = new int[gpuPools.size()];
        this.gpuPoolOfReplica = new int[replicas.size()];
        int replica = 0;
        for (int p = 0; p < gpuPools.size(); p++) {
            PoolPlan pool = gpuPools.get(p);
            fileIndexOfGpuPool[p] = pool.index();
            byFileIndex[pool.index()] = new Tally(pool.name(), "gpu", null, false);
            for (int k = 0; k < pool.replicas(); k++) {
                gpuPoolOfReplica[replica++] = p;
            }
        }
        for (ProviderPlan pr : scenario.providers()) {
            byFileIndex[pr.index()] = new Tally(pr.name(), "api", pr.profile().id(), pr.batch());
        }
    }

    /** Position in {@link Scenario#pools()} of the GPU pool whose replica served {@code call}. */
    int gpuPoolOf(Request call) {
        return gpuPoolOfReplica[call.replica()];
    }

    String gpuPoolName(int gpuPool) {
        return gpuPools.get(gpuPool).name();
    }

    /** A call is on its way to {@code backend} (GPU calls are counted once routed to a replica). */
    void sent(Backend backend) {
        if (backend instanceof ProviderBackend p) {
            byFileIndex[p.plan().index()].calls++;
        }
    }

    /** A call reached a replica. */
    void routed(Request call) {
        gpu(gpuPoolOf(call)).calls++;
    }

    /** Prompt and output tokens of the calls GPU pool {@code gpuPool} answered over the run. */
    long gpuTokens(int gpuPool) {
        Tally t = gpu(gpuPool);
        return t.inputTokens + t.outputTokens;
    }

    void gpuCompleted(int gpuPool, Request call) {
        Tally t = gpu(gpuPool);
        t.completed++;
        t.inputTokens += call.inputTokens();
        t.cachedInputTokens += call.cachedTokens();
        t.outputTokens += call.outputTokens();
        latencies(t, call);
    }

    void apiCompleted(ProviderBackend pool, Request call, CallTokens tokens, CallCost cost) {
        Tally t = byFileIndex[pool.plan().index()];
        t.completed++;
        t.inputTokens += tokens.input();
        t.cachedInputTokens += tokens.cachedInput();
        t.cacheWriteTokens += tokens.cacheWrite();
        t.outputTokens += tokens.output();
        t.apiUsd += cost.totalUsd();
        latencies(t, call);
    }

    /** An API call failed (error or timeout), billed {@code tokens} for {@code cost}. */
    void apiFailed(ProviderBackend pool, CallTokens tokens, CallCost cost) {
        Tally t = byFileIndex[pool.plan().index()];
        t.inputTokens += tokens.input();
        t.outputTokens += tokens.output();
        t.apiUsd += cost.totalUsd();
    }

    /** A call was refused by the replica it reached, or by the provider {@code backend}. */
    void rejected(Backend backend, Request call) {
        Tally t = call.replica() >= 0 ? gpu(gpuPoolOf(call))
                : backend instanceof ProviderBackend p ? byFileIndex[p.plan().index()] : null;
        if (t != null) {
            t.rejected++;
            if (ProviderBackend.RATE_LIMITED.equals(call.rejectReason())) {
                t.rateLimited++;
            }
        }
    }

    private Tally gpu(int gpuPool) {
        return byFileIndex[fileIndexOfGpuPool[gpuPool]];
    }

    private static void latencies(Tally t, Request call) {
        t.ttft.record(call.firstTokenS() - call.arrivalS());
        t.e2e.record(call.finishS() - call.arrivalS());
    }

    /**
     * The per-pool results, in {@code cluster.pools} order.
     *
     * @param gpuUsd   each GPU pool's provisioned cost, by position in {@link Scenario#pools()}
     * @param failures the retries, fallbacks and breaker of a pool, by name
     */
    List<AppResult.BackendResult> results(double[] gpuUsd, Function<String, AppResult.CallFailures> failures) {
        double[] costByFileIndex = new double[byFileIndex.length];
        for (int p = 0; p < fileIndexOfGpuPool.length; p++) {
            costByFileIndex[fileIndexOfGpuPool[p]] = gpuUsd[p];
        }
        List<AppResult.BackendResult> out = new ArrayList<>();
        for (int i = 0; i < byFileIndex.length; i++) {
            Tally t = byFileIndex[i];
            double usd = t.kind.equals("gpu") ? costByFileIndex[i] : t.apiUsd;
            out.add(new AppResult.BackendResult(t.name, t.kind, t.provider, t.batch, t.calls, t.completed, t.rejected,
                    t.rateLimited, t.inputTokens, t.cachedInputTokens, t.cacheWriteTokens, t.outputTokens, usd,
                    t.ttft.summary(), t.e2e.summary(),
                    failures.apply(t.name)));
        }
        return List.copyOf(out);
    }
}
