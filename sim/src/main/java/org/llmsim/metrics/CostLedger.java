package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * Where every dollar of a run goes: each is attributed to a backend, a pool, a tier, a request class and a kind of
 * spend ({@link AppResult#GPU_TIME}, {@link AppResult#INPUT}, ...).
 *
 * <p>Per-call spend (API tokens, the classifier, embeddings) is exact and booked when it happens. GPU time is
 * provisioned, so it is booked at the end: each pool's bill ({@link ProvisionedTime#bill}, idle time included), kind
 * by kind ({@code gpu_time}, {@code commitment}, {@code amortization}, {@code energy}, {@code hosting},
 * {@code operations}), is shared among the tiers and classes it served in proportion to the tokens (prompt plus
 * output) of the calls it completed for each; a pool that completed nothing books its whole cost to tier and class
 * {@code none}.
 */
public final class CostLedger {
    /** Backend name of GPU pools in the ledger. */
    public static final String SELF_HOSTED = "self-hosted";
    /** Backend name of the application layer's own spend (classifier, embeddings). */
    public static final String GATEWAY = "gateway";
    /** Tier or class of spend that has none. */
    public static final String NONE = "none";

    private record Cell(String backend, String pool, String tier, String cls, String kind) {
    }

    private final List<String> classNames;
    private final Map<Cell, Double> cells = new LinkedHashMap<>();
    /**
     * Tokens each GPU pool completed, by tier then class index (arrays: no allocation per call on the hot path); and
     * of those, tokens of escalation calls, by tier.
     */
    private final List<Map<String, long[]>> gpuTokens = new ArrayList<>();
    private final List<Map<String, Long>> gpuEscalatedTokens = new ArrayList<>();
    private final Map<String, Double> escalationUsdByTier = new LinkedHashMap<>();
    private double apiUsd;
    private double gatewayUsd;
    private double perCallUsdOfMeasured;
    private boolean finished;

    /**
     * @param classNames the workload's classes, by class index
     * @param gpuPools   GPU pools of the scenario
     */
    public CostLedger(List<String> classNames, int gpuPools) {
        this.classNames = List.copyOf(classNames);
        for (int i = 0; i < gpuPools; i++) {
            gpuTokens.add(new LinkedHashMap<>());
            gpuEscalatedTokens.add(new LinkedHashMap<>());
        }
    }

    /**
     * Books per-call spend.
     *
     * @param backend    provider id, or {@link #GATEWAY}
     * @param measured   the request arrived inside the measurement window (its spend counts in the steady state)
     * @param escalation the spend is on a call that came to its tier by escalation
     */
    public void charge(String backend, String pool, String tier, int classIndex, String kind, double usd,
            boolean measured, boolean escalation) {
        if (usd == 0) {
            return;
        }
        cells.merge(new Cell(backend, pool, tier == null ? NONE : tier, classNames.get(classIndex), kind), usd,
                Double::sum);
        if (GATEWAY.equals(backend)) {
            gatewayUsd += usd;
        } else {
            apiUsd += usd;
        }
        if (measured) {
            perCallUsdOfMeasured += usd;
        }
        if (escalation && tier != null) {
            escalationUsdByTier.merge(tier, usd, Double::sum);
        }
    }

    /** GPU pool {@code gpuPool} (position in {@link Scenario#pools()}) completed a call of {@code tokens} tokens. */
    public void gpuTokens(int gpuPool, String tier, int classIndex, long tokens, boolean escalation) {
        String t = tier == null ? NONE : tier;
        gpuTokens.get(gpuPool).computeIfAbsent(t, k -> new long[classNames.size()])[classIndex] += tokens;
        if (escalation) {
            gpuEscalatedTokens.get(gpuPool).merge(t, tokens, Long::sum);
        }
    }

    /** Books every GPU pool's provisioned time and returns the complete breakdown; call once, at the end. */
    public AppResult.CostBreakdown finish(Scenario scenario, double provisionedS) {
        return finish(scenario, ProvisionedTime.fixed(provisionedS));
    }

    /** Books every GPU pool's provisioned time and returns the complete breakdown; call once, at the end. */
    public AppResult.CostBreakdown finish(Scenario scenario, ProvisionedTime provisioned) {
        if (finished) {
            throw new IllegalStateException("the ledger is already closed");
        }
        finished = true;
        List<PoolPlan> pools = scenario.pools();
        List<AppResult.CostEntry> gpuEntries = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            PoolPlan pool = pools.get(p);
            Map<String, Double> byKind = provisioned.bill(p, pool).byKind();
            double usd = 0;
            for (double v : byKind.values()) {
                usd += v;
            }
            Map<String, long[]> tokens = gpuTokens.get(p);
            long total = 0;
            for (long[] byClass : tokens.values()) {
                for (long n : byClass) {
                    total += n;
                }
            }
            for (Map.Entry<String, Double> k : byKind.entrySet()) {
                if (total == 0) {
                    gpuEntries.add(new AppResult.CostEntry(SELF_HOSTED, pool.name(), NONE, NONE, k.getKey(),
                            k.getValue()));
                    continue;
                }
                for (Map.Entry<String, long[]> e : tokens.entrySet()) {
                    long[] byClass = e.getValue();
                    for (int c = 0; c < byClass.length; c++) {
                        if (byClass[c] > 0) {
                            gpuEntries.add(new AppResult.CostEntry(SELF_HOSTED, pool.name(), e.getKey(),
                                    classNames.get(c), k.getKey(), k.getValue() * byClass[c] / total));
                        }
                    }
                }
            }
            if (total == 0) {
                continue;
            }
            for (Map.Entry<String, Long> e : gpuEscalatedTokens.get(p).entrySet()) {
                escalationUsdByTier.merge(e.getKey(), usd * e.getValue() / total, Double::sum);
            }
        }
        List<AppResult.CostEntry> entries = new ArrayList<>(gpuEntries);
        cells.forEach((c, usd) -> entries.add(new AppResult.CostEntry(c.backend(), c.pool(), c.tier(), c.cls(),
                c.kind(), usd)));
        return new AppResult.CostBreakdown(List.copyOf(entries));
    }

    /** Spend at API providers over the whole run. */
    public double apiUsd() {
        return apiUsd;
    }

    /** Spend of the classifier and embeddings over the whole run. */
    public double gatewayUsd() {
        return gatewayUsd;
    }

    /** Per-call spend (API and gateway) of requests that arrived inside the measurement window. */
    public double perCallUsdOfMeasured() {
        return perCallUsdOfMeasured;
    }

    /** What calls that came to {@code tier} by escalation cost, GPU share included once {@link #finish} ran. */
    public double escalationUsd(String tier) {
        return escalationUsdByTier.getOrDefault(Objects.requireNonNull(tier), 0.0);
    }
}
