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

    /**
     * @param parts each domain's application figures, in domain order
     * @throws IllegalArgumentException if a domain has an application layer
     */
    static AppResult merge(List<AppResult> parts, FleetContext fleet) {
        List<DomainRun> domains = fleet.domains();
        for (int d = 0; d < parts.size(); d++) {
            AppResult a = parts.get(d);
            if (!a.cache().isNone() || !a.tiers().isEmpty() || !a.backends().isEmpty() || !a.pipelines().isEmpty()) {
                throw new IllegalArgumentException("domain " + domains.get(d).domain() + " has an application layer"
                        + " (caches, tiers, API backends or pipelines); fleet domains cannot");
            }
        }
        Map<List<String>, AppResult.CostEntry> cells = new LinkedHashMap<>();
        for (AppResult a : parts) {
            for (AppResult.CostEntry e : a.breakdown().entries()) {
                cells.merge(List.of(e.backend(), e.pool(), e.tier(), e.cls(), e.kind()), e,
                        (x, y) -> new AppResult.CostEntry(x.backend(), x.pool(), x.tier(), x.cls(), x.kind(),
                                x.usd() + y.usd()));
            }
        }
        AppResult.CostBreakdown breakdown = cells.isEmpty() ? AppResult.CostBreakdown.EMPTY
                : new AppResult.CostBreakdown(List.copyOf(cells.values()));
        return new AppResult(breakdown, AppResult.CacheSummary.NONE, List.of(), List.of(), breakEven(parts, fleet));
    }

    private static AppResult.BreakEven breakEven(List<AppResult> apps, FleetContext fleet) {
        RunResult.Cost cost = fleet.core().cost();
        RunResult.Throughput throughput = fleet.core().throughput();
        RunResult.MeasuredRequests measured = fleet.core().measured();
        List<AppResult.BreakEven> parts = Merging.map(apps, AppResult::breakEven);
        AppResult.BreakEven any = parts.stream().filter(b -> b != null).findFirst().orElse(null);
        if (any == null || measured.completed() == 0) {
            return null;
        }
        double perDay = cost.usdPerHour() * 24 + any.opsUsdPerMonth() * 12 / 365;
        double requestsPerDay = throughput.requestsPerS() * 86_400;
        List<Double> weights = new ArrayList<>();
        for (int d = 0; d < parts.size(); d++) {
            weights.add(parts.get(d) == null ? 0.0 : (double) fleet.domains().get(d).result().measured().completed());
        }
        List<AppResult.BreakEvenApi> apis = new ArrayList<>();
        for (int i = 0; i < any.apis().size(); i++) {
            int p = i;
            List<Double> prices = Merging.map(parts,
                    b -> b == null ? Double.NaN : b.apis().get(p).apiUsdPerRequest());
            double perRequest = Merging.mean(prices, weights, Double.NaN);
            double apiPerDay = perRequest * requestsPerDay;
            apis.add(new AppResult.BreakEvenApi(any.apis().get(i).provider(), perRequest, apiPerDay,
                    CostCalculator.ratio(perDay, perRequest), perDay <= apiPerDay ? "self_hosted" : "api"));
        }
        return new AppResult.BreakEven(any.opsUsdPerMonth(), perDay, requestsPerDay,
                CostCalculator.ratio(perDay, requestsPerDay), (double) measured.inputTokens() / measured.completed(),
                (double) measured.outputTokens() / measured.completed(), List.copyOf(apis));
    }
}
