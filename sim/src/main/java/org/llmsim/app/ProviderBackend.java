package org.llmsim.app;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.metrics.CallGauges;
import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.provider.PromptCache;
import org.llmsim.scenario.ProviderProfile;
import org.llmsim.provider.TokenPrices;
import org.llmsim.request.Request;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.RateLimitSpec;
import org.llmsim.workload.Samplers;
import org.llmsim.workload.TimeSampler;
import org.llmsim.workload.TokenBucket;

/**
 * An external model API as one backend. A call is checked against the context window and the account's rate limits
 * (requests and tokens per minute, token buckets; a call over them is refused as HTTP 429, {@value #RATE_LIMITED}),
 * billed by {@link TokenPrices} with its prompt split by the {@link PromptCache}, and answered after the latency the
 * profile describes: one event per call, at its last token.
 *
 * <pre>
 *   interactive:  sent --rtt--> --provider TTFT + uncached prompt / prefill speed--> first token
 *                                --(output - 1) / output speed--> last token
 *   batch:        sent --completion time, at most the batch window--> whole answer (first = last token)
 * </pre>
 *
 * The provider is assumed to have capacity for whatever the rate limits let through: its own queueing is inside the
 * measured TTFT distribution.
 */
public final class ProviderBackend implements Backend {
    /** Reject reason of a call refused for the account's rate limits (HTTP 429). */
    public static final String RATE_LIMITED = "provider_rate_limit";
    /** Reject reason of a prompt plus output longer than the model's context window. */
    public static final String CONTEXT_WINDOW = "context_window";
    /** Failure reason of a call that got a server error (an injected outage). */
    public static final String PROVIDER_ERROR = "provider_error";
    /** Failure reason of a call given up at the pool's {@code timeout_s} before its first token. */
    public static final String TIMEOUT = "timeout";
    /** Output speed floor, tokens per second: a draw near zero would hold a call open for ever. */
    static final double MIN_OUTPUT_TOKENS_PER_S = 1.0;

    private final ProviderPlan plan;
    private final EventScheduler clock;
    private final CallOutcomes outcomes;
    private final TokenPrices prices;
    private final PromptCache promptCache;
    private final TokenBucket requestBucket;
    private final TokenBucket tokenBucket;
    private final TimeSampler rtt;
    private final TimeSampler ttft;
    private final TimeSampler speed;
    private final TimeSampler batchCompletion;
    private final double prefillTokensPerS;
    private final double timeoutS;
    private final ProviderFaults faults;
    private final CallGauges gauges;
    private long rateLimited;

    /**
     * @param faults the outages and latency spikes injected into this pool ({@link ProviderFaults#NONE}: none)
     */
    public ProviderBackend(ProviderPlan plan, EventScheduler clock, RandomStreams streams, CallOutcomes outcomes,
            java.util.List<org.llmsim.scenario.FaultSpec> faults, CallGauges gauges) {
        this.plan = plan;
        this.clock = clock;
        this.outcomes = outcomes;
        ProviderProfile p = plan.profile();
        this.prices = TokenPrices.of(plan.profile(), plan.cacheWriteMultiplier());
        this.promptCache = plan.promptCaching() ? new PromptCache(plan.cacheTtlS(), p.minCacheableTokens()) : null;
        RateLimitSpec limit = plan.rateLimit();
        this.requestBucket = limit == null || limit.requestsPerMin() == null ? null
                : TokenBucket.perMinute(limit.requestsPerMin(), limit.requestBurst());
        this.tokenBucket = limit == null || limit.tokensPerMin() == null ? null
                : TokenBucket.perMinute(limit.tokensPerMin(), limit.tokenBurst());
        // One stream per pool: its draws do not depend on any other pool or on the workload.
        RandomGenerator rng = streams.stream("provider/" + plan.name());
        this.rtt = Samplers.times(p.latency().networkRttS(), rng);
        this.ttft = Samplers.times(p.latency().ttftS(), rng);
        this.speed = Samplers.times(p.latency().outputTokensPerS(), rng);
        this.batchCompletion = p.batchCompletionS() == null ? null : Samplers.times(p.batchCompletionS(), rng);
        Double prefill = p.latency().prefillTokensPerS();
        this.prefillTokensPerS = prefill == null ? Double.POSITIVE_INFINITY : prefill;
        this.gauges = gauges;
        this.timeoutS = plan.spec().timeoutS() == null ? Double.POSITIVE_INFINITY : plan.spec().timeoutS();
        // faults draw from a stream of their own, so the latency draws stay those of the run without faults
        this.faults = ProviderFaults.of(plan.name(), faults, p.latency().networkRttS(),
                streams.stream("provider-faults/" + plan.name()));
    }

    @Override
    public String name() {
        return plan.name();
    }

    public ProviderPlan plan() {
        return plan;
    }

    @Override
    public void submit(Request call) {
        double now = clock.now();
        long tokens = (long) call.inputTokens() + call.outputTokens();
        if (tokens > plan.profile().contextWindowTokens()) {
            refuse(call, CONTEXT_WINDOW, now);
            return;
        }
        if ((requestBucket != null && !requestBucket.has(1, now))
                || (tokenBucket != null && !tokenBucket.has(tokens, now))) {
            rateLimited++;
            refuse(call, RATE_LIMITED, now);
            return;
        }
        if (requestBucket != null) {
            requestBucket.take(1);
        }
        if (tokenBucket != null) {
            tokenBucket.take(tokens);
        }
        call.markScheduled(now);
        if (gauges != null) {
            gauges.sent();
        }
        ProviderFaults.Outage outage = faults.failing(now);
        if (outage != null) {
            if (outage.hangs()) {
                // no answer comes: the client gives up at its timeout, or the connection drops when the outage ends
                fail(call, TIMEOUT, Math.min(now + timeoutS, outage.endS()), CallTokens.NONE);
            } else {
                fail(call, PROVIDER_ERROR, now + outage.errorLatency().sampleS(), CallTokens.NONE);
            }
            return;
        }
        int cached = promptCache == null ? 0 : promptCache.cachedTokens(call, now);
        double firstS;
        double lastS;
        if (plan.batch()) {
            firstS = now + Math.min(plan.profile().batchWindowS(), batchCompletion.sampleS());
            lastS = firstS;
        } else {
            double prefillS = (call.inputTokens() - cached) / prefillTokensPerS;
            // draws in the order of a run without faults, so that adding a fault elsewhere shifts nothing
            double rttS = rtt.sampleS();
            double ttftS = ttft.sampleS();
            double factor = faults.ttftFactor(now);
            firstS = factor == 1 ? now + rttS + ttftS + prefillS : now + rttS + (ttftS + prefillS) * factor;
            double tokensPerS = Math.max(MIN_OUTPUT_TOKENS_PER_S, speed.sampleS() * faults.throughputFactor(now));
            lastS = firstS + (call.outputTokens() - 1) / tokensPerS;
        }
        if (firstS - now > timeoutS) {
            fail(call, TIMEOUT, now + timeoutS, timedOutTokens(call));
            return;
        }
        CallTokens billed = promptCache == null
                ? new CallTokens(call.inputTokens(), 0, 0, call.outputTokens(), plan.batch())
                : promptCache.bill(call, now, firstS, plan.batch());
        CallCost cost = prices.cost(billed);
        call.markCachedTokens((int) billed.cachedInput());
        clock.at(lastS, EventPriority.ITERATION, () -> {
            call.markFirstToken(firstS);
            call.markFinished(lastS);
            done();
            outcomes.apiCallFinished(call, lastS, this, billed, cost);
        });
    }

    /** What a call given up before its first token is billed, by the profile's {@code timeout_billing}. */
    private CallTokens timedOutTokens(Request call) {
        return switch (plan.profile().timeoutBilling()) {
            case ProviderProfile.BILL_FULL -> new CallTokens(call.inputTokens(), 0, 0, call.outputTokens(),
                    plan.batch());
            case ProviderProfile.BILL_NONE -> CallTokens.NONE;
            default -> new CallTokens(call.inputTokens(), 0, 0, 0, plan.batch());
        };
    }

    /** The call fails at {@code atS} for {@code reason}, billed {@code billed}: one event. */
    private void fail(Request call, String reason, double atS, CallTokens billed) {
        CallCost cost = prices.cost(billed);
        clock.at(atS, EventPriority.ITERATION, () -> {
            call.markRejected(reason);
            done();
            outcomes.callFailed(call, atS, this, billed, cost);
        });
    }

    private void done() {
        if (gauges != null) {
            gauges.done();
        }
    }

    private void refuse(Request call, String reason, double now) {
        call.markRejected(reason);
        outcomes.callRejected(call, now);
    }

    /** An API call never waits on this side: it is on its way as soon as it is sent. */
    @Override
    public int waiting() {
        return 0;
    }

    @Override
    public boolean abortWaiting(Request call, String reason) {
        return false;
    }

    /** Calls refused for the account's rate limits so far. */
    public long rateLimited() {
        return rateLimited;
    }
}
