package org.llmsim.metrics;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.llmsim.pricing.PoolBill;

/**
 * What the application layer did in a run: where every dollar went, how the response caches and model tiers
 * behaved, what each backend (GPU pool or API provider) served, and the self-host versus API break-even. Counts and
 * shares cover measured requests (arrived inside the window); dollars cover the whole run, as {@code cost.total_usd}
 * does.
 *
 * @param breakdown every dollar of the run by backend, pool, tier, class and kind
 * @param cache     the response caches together and one by one; {@link CacheSummary#NONE} without caches
 * @param tiers     per model tier (empty without {@code routing}: one implicit tier)
 * @param backends  per pool, in {@code cluster.pools} order: the calls it served (empty without an application
 *                  layer, where the per-pool results say it all)
 * @param breakEven the self-host versus API comparison, or null when the run has no GPU pool or no API price
 * @param pipelines per request class with a pipeline: its stages' latencies and costs, its budget's attainment
 */
public record AppResult(CostBreakdown breakdown, CacheSummary cache, List<TierResult> tiers,
        List<BackendResult> backends, BreakEven breakEven, List<PipelineResult> pipelines) implements Section {

    public static final AppResult NONE = new AppResult(CostBreakdown.EMPTY, CacheSummary.NONE, List.of(), List.of(),
            null);
    /** A fleet's: the breakdowns summed, the break-even recomputed ({@link FleetApp}). */
    public static final SectionType<AppResult> TYPE = new SectionType<>("app", AppResult.class, NONE,
            FleetApp::merge);

    /** The application layer's figures of {@code r} ({@link #NONE} for a result without them). */
    public static AppResult of(RunResult r) {
        return TYPE.of(r);
    }

    @Override
    public SectionType<AppResult> type() {
        return TYPE;
    }

    /** A result without pipelines. */
    public AppResult(CostBreakdown breakdown, CacheSummary cache, List<TierResult> tiers,
            List<BackendResult> backends, BreakEven breakEven) {
        this(breakdown, cache, tiers, backends, breakEven, List.of());
    }

    /** Kinds of spend in the ledger. */
    public static final String GPU_TIME = PoolBill.GPU_TIME;
    /** A reservation, paid whether used or not. */
    public static final String COMMITMENT = PoolBill.COMMITMENT;
    /** Owned servers: purchase spread over their life, electricity, colocation, operations. */
    public static final String AMORTIZATION = PoolBill.AMORTIZATION;
    public static final String ENERGY = PoolBill.ENERGY;
    public static final String HOSTING = PoolBill.HOSTING;
    public static final String OPERATIONS = PoolBill.OPERATIONS;
    public static final String INPUT = "input";
    public static final String CACHED_INPUT = "cached_input";
    public static final String CACHE_WRITE = "cache_write";
    public static final String OUTPUT = "output";
    public static final String CLASSIFIER = "classifier";
    public static final String EMBEDDINGS = "embeddings";

    /**
     * One cell of the ledger.
     *
     * @param backend {@code self-hosted} for GPU pools, the provider profile id for API pools, {@code gateway} for the
     *                classifier and embeddings
     * @param pool    the pool (or the cache or classifier) the money went to
     * @param tier    the model tier, {@code none} where there was none (idle GPU time of a pool that served nothing,
     *                embeddings of lookups)
     * @param cls     the request class
     * @param kind    {@link #GPU_TIME}, {@link #COMMITMENT}, {@link #AMORTIZATION}, {@link #ENERGY}, {@link #HOSTING},
     *                {@link #OPERATIONS} (GPU pools), {@link #INPUT}, {@link #CACHED_INPUT}, {@link #CACHE_WRITE}, {@link #OUTPUT},
     *                {@link #CLASSIFIER} or {@link #EMBEDDINGS}
     * @param usd     dollars over the whole run
     */
    public record CostEntry(String backend, String pool, String tier, String cls, String kind, double usd)
            implements Serializable {
    }

    /** The ledger's cells, in a fixed order; sums over any dimension give the same total. */
    public record CostBreakdown(List<CostEntry> entries) implements Serializable {
        public static final CostBreakdown EMPTY = new CostBreakdown(List.of());

        public double totalUsd() {
            return entries.stream().mapToDouble(CostEntry::usd).sum();
        }

        /** Dollars by one dimension, keys in order of first appearance. */
        public Map<String, Double> by(Function<CostEntry, String> dimension) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (CostEntry e : entries) {
                m.merge(dimension.apply(e), e.usd(), Double::sum);
            }
            return m;
        }
    }

    /**
     * The response caches over measured requests.
     *
     * @param lookups        measured requests looked up in at least one cache
     * @param hits           of those, answered by a cache (false positives included)
     * @param hitRate        {@code hits / lookups}
     * @param falsePositives hits that returned the answer to another question (semantic caches)
     * @param savedUsd       API spend avoided over the whole run: every hit times the mean API spend per request the
     *                       models answered (GPU time is provisioned either way; a cache frees its capacity)
     * @param costUsd        what the caches cost over the whole run (embeddings)
     * @param caches         each cache
     */
    public record CacheSummary(long lookups, long hits, double hitRate, long falsePositives, double savedUsd,
            double costUsd, List<CacheResult> caches) implements Serializable {
        public static final CacheSummary NONE = new CacheSummary(0, 0, Double.NaN, 0, 0, 0, List.of());

        public boolean isNone() {
            return caches.isEmpty();
        }
    }

    /**
     * One response cache over measured requests; money over the whole run.
     *
     * @param name           its name
     * @param kind           {@code exact} or {@code semantic}
     * @param lookups        measured requests that reached it
     * @param hits           of those, answered by it
     * @param hitRate        {@code hits / lookups}
     * @param falsePositives hits that matched a different question
     * @param savedUsd       API spend its hits avoided (see {@link CacheSummary#savedUsd})
     * @param costUsd        its embedding spend
     * @param entries        answers held at the end of the run
     */
    public record CacheResult(String name, String kind, long lookups, long hits, double hitRate, long falsePositives,
            double savedUsd, double costUsd, long entries) implements Serializable {
    }

    /**
     * One model tier; counts over measured requests that reached tier selection, money over the whole run.
     *
     * @param name          tier name
     * @param pool          the pool serving it
     * @param routed        requests the rules sent here first
     * @param share         {@code routed} over all routed requests
     * @param answered      requests whose answer came from this tier
     * @param escalatedOut  requests this tier answered but failed the check and went on to a stronger tier
     * @param escalatedIn   requests that came here by escalation
     * @param overflowOut   calls sent on to the overflow tier (saturated or refused)
     * @param overflowIn    calls that came here by overflow
     * @param costUsd       every dollar attributed to the tier (its API calls, its share of GPU time, classifier)
     * @param escalationUsd the part of {@code costUsd} spent on calls that came by escalation
     */
    public record TierResult(String name, String pool, long routed, double share, long answered, long escalatedOut,
            long escalatedIn, long overflowOut, long overflowIn, double costUsd, double escalationUsd)
                    implements Serializable {
    }

    /**
     * The calls one pool served over the whole run.
     *
     * @param name              pool name
     * @param kind              {@code gpu} or {@code api}
     * @param provider          provider profile id (API pools), or null
     * @param batch             calls went through the batch API
     * @param calls             calls sent to it
     * @param completed         calls it answered
     * @param rejected          calls it refused (429s included)
     * @param rateLimited       calls refused for the account's rate limits (HTTP 429)
     * @param inputTokens       prompt tokens of answered calls
     * @param cachedInputTokens of those, read from the provider's prompt cache (or, GPU, found in the prefix cache)
     * @param cacheWriteTokens  of those, written to the provider's prompt cache
     * @param outputTokens      output tokens of answered calls
     * @param costUsd           its spend over the whole run (GPU pools: provisioned time)
     * @param callTtft          time from sending a call to its first token, answered calls
     * @param callE2e           time from sending a call to its last token, answered calls
     * @param failures          calls that failed, retries, fallbacks and the circuit breaker
     */
    public record BackendResult(String name, String kind, String provider, boolean batch, long calls, long completed,
            long rejected, long rateLimited, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
            long outputTokens, double costUsd, LatencyStats callTtft, LatencyStats callE2e, CallFailures failures)
                    implements Serializable {

        /** A pool without failure figures. */
        public BackendResult(String name, String kind, String provider, boolean batch, long calls, long completed,
                long rejected, long rateLimited, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
                long outputTokens, double costUsd, LatencyStats callTtft, LatencyStats callE2e) {
            this(name, kind, provider, batch, calls, completed, rejected, rateLimited, inputTokens, cachedInputTokens,
                    cacheWriteTokens, outputTokens, costUsd, callTtft, callE2e, CallFailures.NONE);
        }
    }

    /**
     * What went wrong with one pool's calls over the whole run, and what the client did about it.
     *
     * @param errors         calls that got a server error (an injected outage)
     * @param timeouts       calls given up at the pool's {@code timeout_s}
     * @param retries        attempts on the pool that were retries of a failed one
     * @param fallbackOut    calls that moved on to the pool's fallback after their attempts here failed (or the
     *                       breaker was open)
     * @param fallbackIn     calls that came here as another pool's fallback
     * @param shortCircuited calls the open circuit breaker refused without sending them
     * @param failedUsd      what failed calls were billed (timed-out calls, by the provider's timeout_billing)
     * @param breaker        the circuit breaker's record, or null without one
     */
    public record CallFailures(long errors, long timeouts, long retries, long fallbackOut, long fallbackIn,
            long shortCircuited, double failedUsd, BreakerResult breaker) implements Serializable {
        public static final CallFailures NONE = new CallFailures(0, 0, 0, 0, 0, 0, 0, null);
    }

    /**
     * A pool's circuit breaker over the run.
     *
     * @param failures    consecutive failures that open it
     * @param cooldownS   its cooldown, seconds
     * @param opened      times it opened from closed
     * @param openS       seconds it was not closed (open or half-open), until the end of the run
     * @param transitions its changes of state in time order (the first {@value #MAX_TRANSITIONS})
     */
    public record BreakerResult(int failures, double cooldownS, long opened, double openS,
            List<BreakerTransition> transitions) implements Serializable {
        public static final int MAX_TRANSITIONS = 1000;
    }

    /** A breaker's change of state: {@code open}, {@code half_open} or {@code closed}, at {@code atS} seconds. */
    public record BreakerTransition(double atS, String state) implements Serializable {
    }

    /**
     * The pipeline of one request class, over its measured requests (dollars over the whole run).
     *
     * @param cls              the request class
     * @param budgetS          its latency budget, seconds, or null
     * @param budgetMetric     what the budget bounds: {@code e2e} or {@code ttft}
     * @param requests         measured requests of the class
     * @param completed        of those, completed
     * @param budgetAttainment share of measured requests that completed within the budget (NaN without budget)
     * @param e2e              end-to-end latency of its measured completed requests
     * @param ttft             time to first token (or first audio chunk) of the same
     * @param stages           each stage, in pipeline order
     */
    public record PipelineResult(String cls, Double budgetS, String budgetMetric, long requests, long completed,
            double budgetAttainment, LatencyStats e2e, LatencyStats ttft, List<StageResult> stages)
                    implements Serializable {
    }

    /**
     * One stage of a pipeline over the measured requests that reached it.
     *
     * @param name           stage name
     * @param kind           its {@code stage:} kind
     * @param count          measured requests that ran it (to its end)
     * @param latency        time from its start to its end, seconds
     * @param shareOfE2e     its mean latency over the mean end-to-end latency of completed requests
     * @param overBudgetMeanS its mean latency over the requests that missed the budget (NaN without budget or misses)
     * @param usd            what it cost over the whole run: what its calls paid (API tokens, tools, embeddings, ...)
     *                       plus, for model calls a GPU pool answered, their tokens' share of the pool's provisioned
     *                       cost
     * @param counters       what else happened in it: {@code calls}, {@code blocked}, {@code tool_timeouts},
     *                       {@code malformed_retries}, {@code steps}, {@code step_cap}, {@code spend_cap},
     *                       {@code judged}, ... (only those that apply)
     */
    public record StageResult(String name, String kind, long count, LatencyStats latency,
            double shareOfE2e, double overBudgetMeanS, double usd, java.util.Map<String, Long> counters)
                    implements Serializable {
    }

    /**
     * Self-hosting against the APIs: the GPU fleet's fixed daily cost against what the run's requests would cost
     * sent to each API at list price (no caching, no batch discount).
     *
     * @param opsUsdPerMonth          people and tooling cost added to the GPU time
     * @param selfHostedUsdPerDay     the GPU pools provisioned for a day plus the ops cost per day
     * @param requestsPerDay          the run's completion rate over a day
     * @param selfHostedUsdPerRequest {@code selfHostedUsdPerDay / requestsPerDay}
     * @param meanInputTokens         mean prompt tokens of measured completed requests
     * @param meanOutputTokens        mean output tokens of measured completed requests
     * @param apis                    one comparison per provider
     */
    public record BreakEven(double opsUsdPerMonth, double selfHostedUsdPerDay, double requestsPerDay,
            double selfHostedUsdPerRequest, double meanInputTokens, double meanOutputTokens, List<BreakEvenApi> apis)
                    implements Serializable {
    }

    /**
     * @param provider                 provider profile id
     * @param apiUsdPerRequest         the mean request at its list prices
     * @param apiUsdPerDay             the run's daily volume at that price
     * @param breakEvenRequestsPerDay  the daily volume at which the fleet costs as much as the API
     * @param cheaper                  {@code self_hosted} or {@code api} at the run's volume
     */
    public record BreakEvenApi(String provider, double apiUsdPerRequest, double apiUsdPerDay,
            double breakEvenRequestsPerDay, String cheaper) implements Serializable {
    }
}
