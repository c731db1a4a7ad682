package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link AppResult} of a fleet. Fleet domains have no application layer (no caches, tiers, API backends or
 * pipelines), but every run still carries its cost breakdown (GPU time by pool and class) and, when the scenario
 * compares providers, the self-host break-even. The breakdown's cells are summed; the break-even is recomputed from
 * the fleet's figures with the definitions of {@code AppResults}: the fleet's spend rate per day plus the operations
 * cost once (it is the organisation's, not each domain's), the fleet's completion rate, the mean tokens of its
 * measured requests, and each API's price of the mean request (linear in tokens, so the domains' prices weighted by
 * their measured completions).
 */
final class FleetApp {
    private FleetApp() {
    }

    /** @throws IllegalArgumentException if a domain has an application layer */
    static AppResult merge(List<DomainRun> domains, RunResult.Cost cost, RunResult.Throughput throughput,
            RunResult.MeasuredRequests measured) {
        for (DomainRun d : domains) {
            AppResult a = d.result().app();
            if (!a.cache().isNone() || !a.tiers().isEmpty() || !a.backends().isEmpty() || !a.pipelines().isEmpty()) {
                throw new IllegalArgumentException("domain " + d.domain() + " has an application layer (caches, tiers,"
                        + " API backends or pipelines); fleet domains cannot");
            }
        }
        Map<List<String>, AppResult.CostEntry> cells = new LinkedHashMap<>();
        for (DomainRun d : domains) {
            for (AppResult.CostEntry e : d.result().app().breakdown().entries()) {
                cells.merge(List.of(e.backend(), e.pool(), e.tier(), e.cls(), e.kind()), e,
                        (x, y) -> new AppResult.CostEntry(x.backend(), x.pool(), x.tier(), x.cls(), x.kind(),
                                x.usd() + y.usd()));
            }
        }
        AppResult.CostBreakdown breakdown = cells.isEmpty() ? AppResult.CostBreakdown.EMPTY
                : new AppResult.CostBreakdown(List.copyOf(cells.values()));
        return new AppResult(breakdown, AppResult.CacheSummary.NONE, List.of(), List.of(),
                breakEven(domains, cost, throughput, measured));
    }

    private static AppResult.BreakEven breakEven(List<DomainRun> domains, RunResult.Cost cost,
            RunResult.Throughput throughput, RunResult.MeasuredRequests measured) {
        List<AppResult.BreakEven> parts = FleetMerge.map(domains, d -> d.result().app().breakEven());
        AppResult.BreakEven any = parts.stream().filter(b -> b != null).findFirst().orElse(null);
        if (any == null || measured.completed() == 0) {
            return null;
        }
        double perDay = cost.usdPerHour() * 24 + any.opsUsdPerMonth() * 12 / 365;
        double requestsPerDay = throughput.requestsPerS() * 86_400;
        List<Double> weights = FleetMerge.map(domains, d -> d.result().app().breakEven() == null ? 0.0
                : (double) d.result().measured().completed());
        List<AppResult.BreakEvenApi> apis = new ArrayList<>();
        for (int i = 0; i < any.apis().size(); i++) {
            int p = i;
            List<Double> prices = FleetMerge.map(parts,
                    b -> b == null ? Double.NaN : b.apis().get(p).apiUsdPerRequest());
            double perRequest = FleetMerge.mean(prices, weights, Double.NaN);
            double apiPerDay = perRequest * requestsPerDay;
            apis.add(new AppResult.BreakEvenApi(any.apis().get(i).provider(), perRequest, apiPerDay,
                    CostCalculator.ratio(perDay, perRequest), perDay <= apiPerDay ? "self_hosted" : "api"));
        }
        return new AppResult.BreakEven(any.opsUsdPerMonth(), perDay, requestsPerDay,
                CostCalculator.ratio(perDay, requestsPerDay), (double) measured.inputTokens() / measured.completed(),
                (double) measured.outputTokens() / measured.completed(), List.copyOf(apis));
    }
}
