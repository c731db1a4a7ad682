package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostCalculator;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.ProvisionedTime;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.ProviderProfile;
import org.llmsim.provider.TokenPrices;
import org.llmsim.scenario.EconomicsSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * Completes a run's result with the application layer: the ledger's breakdown, the bill with API and gateway
 * spend, caches, tiers, backends and the break-even.
 */
public final class AppResults {
    private AppResults() {
    }

    /**
     * @param gateway      the run's gateway, or null when the scenario has no application layer
     * @param provisionedS simulated seconds the fleet was provisioned for
     */
    public static RunResult complete(RunResult r, Scenario scenario, CostLedger ledger, Gateway gateway,
            double provisionedS) {
        return complete(r, scenario, ledger, gateway, ProvisionedTime.fixed(provisionedS));
    }

    /** @param provisioned how long each GPU pool was paid for (autoscaled pools: their provisioned replica-time) */
    public static RunResult complete(RunResult r, Scenario scenario, CostLedger ledger, Gateway gateway,
            ProvisionedTime provisioned) {
        AppResult.CostBreakdown breakdown = ledger.finish(scenario, provisioned);
        RunResult.Cost cost = CostCalculator.compute(scenario, provisioned, r.throughput(), ledger.apiUsd(),
                ledger.gatewayUsd(), ledger.perCallUsdOfMeasured() / r.window().lengthS());
        if (gateway == null) {
            return r.withCost(cost).with(new AppResult(breakdown, AppResult.CacheSummary.NONE, List.of(), List.of(),
                    breakEven(r, scenario, provisioned)));
        }
        double[] gpuUsd = new double[scenario.pools().size()];
        for (int p = 0; p < gpuUsd.length; p++) {
            PoolPlan pool = scenario.pools().get(p);
            gpuUsd[p] = provisioned.gpuUsd(p, pool);
        }
        double endS = provisioned.spanS();
        List<AppResult.BackendResult> backends = gateway.poolCalls().results(gpuUsd,
                pool -> gateway.caller().failures(pool, endS));
        List<AppResult.PipelineResult> pipelines = new java.util.ArrayList<>();
        double[] usdPerGpuToken = new double[gpuUsd.length];
        for (int p = 0; p < gpuUsd.length; p++) {
            long tokens = gateway.poolCalls().gpuTokens(p);
            usdPerGpuToken[p] = tokens == 0 ? 0 : gpuUsd[p] / tokens;
        }
        for (Pipeline p : gateway.pipelines()) {
            if (p != null) {
                pipelines.add(p.result(usdPerGpuToken));
            }
        }
        AppResult app = new AppResult(breakdown, gateway.caches().summary(ledger.apiUsd()),
                tiers(gateway, breakdown, ledger), backends, breakEven(r, scenario, provisioned),
                List.copyOf(pipelines));
        return r.withCost(cost).with(app);
    }

    private static List<AppResult.TierResult> tiers(Gateway g, AppResult.CostBreakdown breakdown,
            CostLedger ledger) {
        List<Tier> tiers = g.routing().tiers();
        TierTally tally = g.routing().tally();
        long routed = 0;
        for (Tier t : tiers) {
            routed += tally.of(t).routed();
        }
        var usdByTier = breakdown.by(AppResult.CostEntry::tier);
        List<AppResult.TierResult> out = new ArrayList<>();
        for (Tier t : tiers) {
            TierTally.Counts n = tally.of(t);
            out.add(new AppResult.TierResult(t.name, t.pool, n.routed(), CostCalculator.ratio(n.routed(), routed),
                    n.answered(), n.escalatedOut(), n.escalatedIn(), n.overflowOut(), n.overflowIn(),
                    usdByTier.getOrDefault(t.name, 0.0), ledger.escalationUsd(t.name)));
        }
        return List.copyOf(out);
    }

    /**
     * The GPU fleet against each API: the fleet's daily cost (provisioned around the clock, plus operations) and the
     * run's mean request at each API's list price. Null without GPU pools, API prices or completed requests. An
     * autoscaled pool counts at its mean provisioned replicas inside the window.
     */
    static AppResult.BreakEven breakEven(RunResult r, Scenario scenario, ProvisionedTime provisioned) {
        if (scenario.pools().isEmpty() || scenario.compareProviders().isEmpty() || r.measured().completed() == 0) {
            return null;
        }
        EconomicsSpec economics = scenario.spec().economics();
        double perDay = provisioned.fleetUsdPerHour(scenario) * 24 + economics.opsUsdPerMonth() * 12 / 365;
        double requestsPerDay = r.throughput().requestsPerS() * 86_400;
        double meanIn = (double) r.measured().inputTokens() / r.measured().completed();
        double meanOut = (double) r.measured().outputTokens() / r.measured().completed();
        List<AppResult.BreakEvenApi> apis = new ArrayList<>();
        for (ProviderProfile p : scenario.compareProviders()) {
            double perRequest = TokenPrices.of(p, p.cacheWriteMultiplier()).listUsd(meanIn, meanOut);
            double apiPerDay = perRequest * requestsPerDay;
            apis.add(new AppResult.BreakEvenApi(p.id(), perRequest, apiPerDay,
                    CostCalculator.ratio(perDay, perRequest), perDay <= apiPerDay ? "self_hosted" : "api"));
        }
        return new AppResult.BreakEven(economics.opsUsdPerMonth(), perDay, requestsPerDay,
                CostCalculator.ratio(perDay, requestsPerDay), meanIn, meanOut, List.copyOf(apis));
    }
}
