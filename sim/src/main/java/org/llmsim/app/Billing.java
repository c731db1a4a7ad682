package org.llmsim.app;

import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostLedger;
import org.llmsim.provider.CallCost;

/**
 * Books what the layer spends per use to the run's {@link CostLedger} and to the user request's journey: API calls
 * (answered or not), the classifier, response-cache lookups and pipeline stages without a model. GPU time is not
 * spent per use: the ledger shares each pool's provisioned cost by the tokens it served, booked here too.
 */
final class Billing {
    private final CostLedger ledger;

    Billing(CostLedger ledger) {
        this.ledger = ledger;
    }

    /** A lookup in the response cache {@code cache} (embedding the prompt). */
    void cacheLookup(InFlight j, String cache, double usd) {
        ledger.charge(CostLedger.GATEWAY, cache, null, j.user.classIndex(), AppResult.EMBEDDINGS, usd, j.measured,
                false);
        j.journey.addCost(usd);
    }

    /** The classifier's price, booked to the tier it picked. */
    void classifier(InFlight j, Tier tier, double usd) {
        ledger.charge(CostLedger.GATEWAY, "classifier", tier.name, j.user.classIndex(), AppResult.CLASSIFIER, usd,
                j.measured, false);
        j.journey.addCost(usd);
    }

    /** The price of a pipeline stage without a model (a tool, a guardrail, retrieval, speech); none when absent. */
    void stage(InFlight j, Pipeline.Stage stage, Double usd) {
        if (usd == null || usd == 0) {
            return;
        }
        ledger.charge(CostLedger.GATEWAY, stage.name, null, j.user.classIndex(), stage.kind, usd, j.measured, false);
        j.journey.addCost(usd);
    }

    /** An API call's bill, answered or not, to the journey's current tier. */
    void apiCall(InFlight j, ProviderBackend pool, CallCost cost) {
        String provider = pool.plan().profile().id();
        String name = pool.name();
        String tier = j.tier.name;
        int cls = j.user.classIndex();
        ledger.charge(provider, name, tier, cls, AppResult.INPUT, cost.inputUsd(), j.measured, j.escalation);
        ledger.charge(provider, name, tier, cls, AppResult.CACHED_INPUT, cost.cachedInputUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, tier, cls, AppResult.CACHE_WRITE, cost.cacheWriteUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, tier, cls, AppResult.OUTPUT, cost.outputUsd(), j.measured, j.escalation);
        j.journey.addCost(cost.totalUsd());
    }

    /** Tokens GPU pool {@code gpuPool} served for the journey's current call (its share of the pool's cost). */
    void gpuTokens(InFlight j, int gpuPool, long tokens) {
        ledger.gpuTokens(gpuPool, j.tier.name, j.user.classIndex(), tokens, j.escalation);
    }
}
