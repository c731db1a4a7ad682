package org.llmsim.metrics;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one simulation run measured, as plain records; the schema behind {@code summary.json}. Times are
 * seconds, money USD. Values that cannot be computed (no completions, no SLO) are NaN.
 *
 * @param scenario    scenario name
 * @param seed        seed of the run
 * @param window      the measurement window
 * @param requests    request counts; every arrived request is completed, rejected, failed or unfinished
 * @param ttft        time to first token of measured completed requests
 * @param tpot        time per output token after the first (requests with more than one output token)
 * @param e2e         end-to-end latency
 * @param queue       queueing delay: first scheduled minus arrival
 * @param throughput  completions inside the window, per second
 * @param slo         SLO targets, attainment and goodput
 * @param cost        GPU and API spend
 * @param utilization time-weighted and per-iteration utilization, averaged over replicas
 * @param preemptions preemptions over the whole run
 * @param pools       per-pool figures
 * @param replicas    per-replica figures
 * @param sim         how the simulation itself ran
 * @param timeSeries  per-pool state sampled at a fixed simulated interval (arrivals, queue, batch, KV, cost rate)
 * @param classes     per-class figures, in the workload's class order ({@code default} alone without classes)
 * @param itl         inter-token latency: the gaps between consecutive output tokens of measured requests, one value
 *                    per token after the first
 * @param preemption  preemptions by mode over the whole run and what they cost
 * @param prefixCache prefix cache hits of measured requests
 * @param measured    measured requests that completed, counted as {@code vllm bench serve} counts its requests
 * @param speculative speculative decoding's measured behaviour ({@link SpeculativeResult#NONE} when no pool uses it)
 * @param kvTransfer  KV handed from prefill to decode replicas ({@link KvTransferResult#NONE} without disaggregation)
 * @param app         the application layer: cost ledger, response caches, tiers, backends, break-even
 * @param elastic     autoscaling and replica faults: scale events, cold starts, crashes ({@link ElasticResult#NONE}
 *                    for a fixed, healthy fleet)
 * @param fleet       the router domains a fleet result was merged from ({@link FleetResult#NONE} for one run)
 */
public record RunResult(
        String scenario,
        long seed,
        Window window,
        RequestCounts requests,
        LatencyStats ttft,
        LatencyStats tpot,
        LatencyStats e2e,
        LatencyStats queue,
        Throughput throughput,
        SloResult slo,
        Cost cost,
        Utilization utilization,
        long preemptions,
        List<PoolResult> pools,
        List<ReplicaResult> replicas,
        SimStats sim,
        TimeSeries timeSeries,
        List<ClassResult> classes,
        LatencyStats itl,
        PreemptionResult preemption,
        PrefixCacheResult prefixCache,
        MeasuredRequests measured,
        SpeculativeResult speculative,
        KvTransferResult kvTransfer,
        AppResult app,
        ElasticResult elastic,
        FleetResult fleet) implements Serializable {

    /** A result of one run (not a fleet). */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries, List<ClassResult> classes, LatencyStats itl,
            PreemptionResult preemption, PrefixCacheResult prefixCache, MeasuredRequests measured,
            SpeculativeResult speculative, KvTransferResult kvTransfer, AppResult app, ElasticResult elastic) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache, measured, speculative,
                kvTransfer, app, elastic, FleetResult.NONE);
    }

    /** A result of a fixed, healthy fleet. */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries, List<ClassResult> classes, LatencyStats itl,
            PreemptionResult preemption, PrefixCacheResult prefixCache, MeasuredRequests measured,
            SpeculativeResult speculative, KvTransferResult kvTransfer, AppResult app) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache, measured, speculative,
                kvTransfer, app, ElasticResult.NONE);
    }

    /** A result without application-layer figures. */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries, List<ClassResult> classes, LatencyStats itl,
            PreemptionResult preemption, PrefixCacheResult prefixCache, MeasuredRequests measured,
            SpeculativeResult speculative, KvTransferResult kvTransfer) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache, measured, speculative,
                kvTransfer, AppResult.NONE);
    }

    /** A result without speculative decoding, disaggregation or application-layer figures. */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries, List<ClassResult> classes, LatencyStats itl,
            PreemptionResult preemption, PrefixCacheResult prefixCache, MeasuredRequests measured) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache, measured,
                SpeculativeResult.NONE, KvTransferResult.NONE, AppResult.NONE);
    }

    /** A result without per-class figures. */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, List.of());
    }

    /** A result without ITL, preemption, prefix cache or vLLM-style totals (empty ones). */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim, TimeSeries timeSeries, List<ClassResult> classes) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, timeSeries, classes, LatencyStats.empty(), PreemptionResult.NONE,
                PrefixCacheResult.NONE, MeasuredRequests.NONE);
    }

    /** A result without a time series or per-class figures. */
    public RunResult(String scenario, long seed, Window window, RequestCounts requests, LatencyStats ttft,
            LatencyStats tpot, LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo, Cost cost,
            Utilization utilization, long preemptions, List<PoolResult> pools, List<ReplicaResult> replicas,
            SimStats sim) {
        this(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost, utilization, preemptions,
                pools, replicas, sim, TimeSeries.EMPTY, List.of());
    }

    /** This result with its time series replaced (the sampler runs beside the collector). */
    public RunResult withTimeSeries(TimeSeries series) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, preemptions, pools, replicas, sim, series, classes, itl, preemption, prefixCache, measured,
                speculative, kvTransfer, app, elastic, fleet);
    }

    /** This result with the fleet's autoscaling and fault figures. */
    public RunResult withElastic(ElasticResult value) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, preemptions, pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache,
                measured, speculative, kvTransfer, app, value, fleet);
    }

    /** This result with the application layer's figures and the cost they complete (API and gateway spend). */
    public RunResult withApp(AppResult value, Cost withApiCost) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, withApiCost,
                utilization, preemptions, pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache,
                measured, speculative, kvTransfer, value, elastic, fleet);
    }

    /** The same result with other simulation statistics (tests compare runs without their wall time). */
    public RunResult withSim(SimStats value) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, preemptions, pools, replicas, value, timeSeries, classes, itl, preemption, prefixCache,
                measured, speculative, kvTransfer, app, elastic, fleet);
    }

    /** This result with the router domains it was merged from. */
    public RunResult withFleet(FleetResult value) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, preemptions, pools, replicas, sim, timeSeries, classes, itl, preemption, prefixCache,
                measured, speculative, kvTransfer, app, elastic, value);
    }

    /** Whether this result was merged from the router domains of a fleet. */
    public boolean isFleet() {
        return fleet.domains() > 0;
    }

    /**
     * Speculative decoding over the passes that started inside the window (NaN without speculative pools).
     *
     * @param sequenceSteps   verification steps summed over sequences (a pass of n decoding sequences counts n)
     * @param tokensPerStep   tokens emitted per sequence per verification step (accepted proposals plus one; the
     *                        formula's {@code (1 - a^(k+1)) / (1 - a)}), before an answer's end cuts its last step
     * @param acceptance      accepted proposals over proposed ones (vLLM's draft acceptance rate)
     * @param draftTimeShare  share of the speculative passes' time spent in the draft model
     * @param tokens          tokens emitted, summed over sequences (the numerator of {@code tokensPerStep}; the raw
     *                        sums are kept so that results merge exactly)
     * @param proposed        tokens proposed by the draft, summed over sequences
     * @param draftS          time of the draft passes
     * @param passS           time of the speculative passes, draft included
     */
    public record SpeculativeResult(long sequenceSteps, double tokensPerStep, double acceptance,
            double draftTimeShare, long tokens, long proposed, double draftS, double passS) implements Serializable {
        public static final SpeculativeResult NONE = new SpeculativeResult(0, Double.NaN, Double.NaN, Double.NaN);

        /** A result without its raw sums (not mergeable exactly). */
        public SpeculativeResult(long sequenceSteps, double tokensPerStep, double acceptance, double draftTimeShare) {
            this(sequenceSteps, tokensPerStep, acceptance, draftTimeShare, 0, 0, 0, 0);
        }

        public boolean used() {
            return this != NONE && !Double.isNaN(tokensPerStep);
        }
    }

    /**
     * KV handed from prefill to decode replicas of disaggregated pools over the whole run.
     *
     * @param transfers prompts whose KV crossed
     * @param bytes     bytes moved, all GPUs
     * @param meanS     mean time from the end of the prefill to the KV's arrival (waiting for the link included)
     * @param maxS      longest such time
     */
    public record KvTransferResult(long transfers, double bytes, double meanS, double maxS) implements Serializable {
        public static final KvTransferResult NONE = new KvTransferResult(0, 0, Double.NaN, Double.NaN);
    }

    /**
     * Preemptions over the whole run by what was done to the victim's KV, and what they cost.
     *
     * @param recompute      preemptions whose KV was dropped and recomputed (swap fallbacks included)
     * @param swap           preemptions whose KV was copied to host memory and back
     * @param swapSpaceFull  swaps that found the host swap space full and recomputed instead
     * @param swappedBytes   KV bytes copied to and from host memory, both directions, all GPUs
     * @param swapS          pass time spent copying KV over PCIe (each copy delays the pass it precedes)
     * @param recomputeTokens tokens computed again because a recompute preemption dropped their KV
     * @param recomputeS     pass time spent on those tokens: each pass's time minus its time without them
     */
    public record PreemptionResult(long recompute, long swap, long swapSpaceFull, double swappedBytes, double swapS,
            long recomputeTokens, double recomputeS) implements Serializable {
        public static final PreemptionResult NONE = new PreemptionResult(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The prefix cache over measured requests (NaN rates when no pool caches prefixes).
     *
     * @param hitRate            prompt tokens found cached at first scheduling over prompt tokens
     * @param requestHitRate     share of requests that found at least one cached block at first scheduling
     * @param prefillTokensSaved prompt tokens not computed thanks to the cache, every admission included (also
     *                           re-admissions after a recompute preemption)
     * @param lookups            first-time lookups (requests) counted in the rates
     * @param queriedTokens      prompt tokens looked up at first scheduling (the denominator of {@code hitRate})
     * @param hitTokens          of those, the ones found cached
     * @param requestsHit        first-time lookups that found at least one cached block
     */
    public record PrefixCacheResult(double hitRate, double requestHitRate, long prefillTokensSaved, long lookups,
            long queriedTokens, long hitTokens, long requestsHit) implements Serializable {
        public static final PrefixCacheResult NONE = new PrefixCacheResult(Double.NaN, Double.NaN, 0, 0);

        /** A result without its raw counts (not mergeable exactly). */
        public PrefixCacheResult(double hitRate, double requestHitRate, long prefillTokensSaved, long lookups) {
            this(hitRate, requestHitRate, prefillTokensSaved, lookups, 0, 0, 0);
        }
    }

    /**
     * Measured requests (arrived inside the window) that completed, with the totals {@code vllm bench serve} reports.
     *
     * @param completed    measured requests that completed
     * @param good         of those, the ones that met every SLO target
     * @param inputTokens  their prompt tokens
     * @param outputTokens their output tokens
     * @param lastFinishS  when the last of them finished (NaN if none did)
     */
    public record MeasuredRequests(long completed, long good, long inputTokens, long outputTokens,
            double lastFinishS) implements Serializable {
        public static final MeasuredRequests NONE = new MeasuredRequests(0, 0, 0, 0, Double.NaN);
    }

    /** The measurement window {@code [startS, endS)}: warm-up to end of arrivals. */
    public record Window(double startS, double endS) implements Serializable {
        public double lengthS() {
            return endS - startS;
        }

        public boolean contains(double timeS) {
            return timeS >= startS && timeS < endS;
        }

        /** Length of the overlap of {@code [fromS, toS]} with the window. */
        public double overlapS(double fromS, double toS) {
            return Math.max(0, Math.min(toS, endS) - Math.max(fromS, startS));
        }
    }

    /**
     * @param arrived          requests generated over the whole run
     * @param completed        requests that produced all their output
     * @param rejected         requests refused (ingress rate limits, admission timeout, context window, KV capacity)
     * @param unfinished       requests still queued or running when the run stopped
     * @param measured         requests that arrived inside the measurement window
     * @param rejectedByReason rejected requests by reason, sorted by reason
     * @param failed           requests that failed: lost while being served (a crashed replica's, when its fault
     *                         loses them) or whose model calls failed after every retry and fallback (server errors,
     *                         timeouts, open breakers, malformed output)
     * @param failedByReason   failed requests by reason, sorted by reason
     */
    public record RequestCounts(long arrived, long completed, long rejected, long unfinished, long measured,
            java.util.Map<String, Long> rejectedByReason, long failed, java.util.Map<String, Long> failedByReason)
                    implements Serializable {

        public RequestCounts(long arrived, long completed, long rejected, long unfinished, long measured,
                java.util.Map<String, Long> rejectedByReason) {
            this(arrived, completed, rejected, unfinished, measured, rejectedByReason, 0, java.util.Map.of());
        }

        public RequestCounts(long arrived, long completed, long rejected, long unfinished, long measured) {
            this(arrived, completed, rejected, unfinished, measured, java.util.Map.of());
        }
    }

    /** Completions inside the window: requests, and the input and output tokens of those requests, per second. */
    public record Throughput(double requestsPerS, double inputTokensPerS, double outputTokensPerS)
            implements Serializable {
    }

    /**
     * @param ttftS              TTFT target, or null
     * @param tpotS              TPOT target, or null
     * @param e2eS               end-to-end target, or null
     * @param attainment         share of measured requests that completed and met every target
     * @param goodputRps         completions inside the window that met every target, per second
     * @param deadlineS          completion deadline, or null
     * @param deadlineAttainment share of measured requests with a deadline that completed within it (NaN without)
     */
    public record SloResult(Double ttftS, Double tpotS, Double e2eS, double attainment, double goodputRps,
            Double deadlineS, double deadlineAttainment) implements Serializable {

        public SloResult(Double ttftS, Double tpotS, Double e2eS, double attainment, double goodputRps) {
            this(ttftS, tpotS, e2eS, attainment, goodputRps, null, Double.NaN);
        }
    }

    /**
     * The figures of one request class (tenant), over its own requests, with the definitions of the overall ones.
     *
     * @param name       class name
     * @param priority   scheduling priority of the class
     * @param requests   its request counts (rejections by reason included)
     * @param ttft       its time to first token
     * @param tpot       its time per output token
     * @param e2e        its end-to-end latency
     * @param queue      its queueing delay
     * @param throughput its completions inside the window, per second
     * @param slo        its objectives and their attainment
     */
    public record ClassResult(String name, int priority, RequestCounts requests, LatencyStats ttft, LatencyStats tpot,
            LatencyStats e2e, LatencyStats queue, Throughput throughput, SloResult slo) implements Serializable {
    }

    /**
     * @param totalUsd             GPU, API and gateway spend over the simulated span (drain included)
     * @param gpuUsd               provisioned GPU-hours times their price
     * @param apiUsd               spend at API providers (tokens of every call)
     * @param gpuHours             provisioned GPU-hours over the simulated span
     * @param usdPerHour           steady-state spend rate: the provisioned fleet plus the API and gateway spend of the
     *                             requests that arrived inside the window, per hour of window
     * @param usdPerMonth          {@code usdPerHour} times 730 hours
     * @param usdPerRequest        steady state: spend rate over completion rate inside the window
     * @param usdPer1mOutputTokens steady state, per million output tokens
     * @param usdPer1mTokens       steady state, per million input plus output tokens
     * @param gatewayUsd           spend of the application layer itself: the classifier and embeddings
     * @param usdPerDay            {@code usdPerHour} times 24
     */
    public record Cost(double totalUsd, double gpuUsd, double apiUsd, double gpuHours, double usdPerHour,
            double usdPerMonth, double usdPerRequest, double usdPer1mOutputTokens, double usdPer1mTokens,
            double gatewayUsd, double usdPerDay) implements Serializable {

        /** A self-hosted bill without gateway spend. */
        public Cost(double totalUsd, double gpuUsd, double apiUsd, double gpuHours, double usdPerHour,
                double usdPerMonth, double usdPerRequest, double usdPer1mOutputTokens, double usdPer1mTokens) {
            this(totalUsd, gpuUsd, apiUsd, gpuHours, usdPerHour, usdPerMonth, usdPerRequest, usdPer1mOutputTokens,
                    usdPer1mTokens, 0.0, usdPerHour * 24);
        }
    }

    /**
     * @param kvCacheMean   time-weighted mean fraction of KV blocks in use
     * @param batchSizeMean mean sequences per forward pass
     * @param busyFraction  fraction of time replicas spent in forward passes
     * @param replicaS      replica-seconds inside the window the time-weighted means are over (the weight results
     *                      merge with; NaN when not known)
     * @param passes        forward passes that started inside the window (the weight of the batch size mean)
     */
    public record Utilization(double kvCacheMean, double batchSizeMean, double busyFraction, double replicaS,
            long passes) implements Serializable {

        /** Utilization without its weights (not mergeable). */
        public Utilization(double kvCacheMean, double batchSizeMean, double busyFraction) {
            this(kvCacheMean, batchSizeMean, busyFraction, Double.NaN, 0);
        }
    }

    /**
     * Per-pool configuration and figures (utilization averaged over the pool's replicas, inside the window);
     * {@code schedulerOrder}, {@code prefixCaching} and {@code preemption} as configured; {@code layout} the
     * parallelism, speculation and disaggregation; {@code latency} over the measured requests the pool completed.
     */
    public record PoolResult(String name, String gpu, String model, int replicas, int tensorParallel,
            String weightDtype, String kvDtype, String batching, int kvBlocksPerReplica, long kvTokensPerReplica,
            double usdPerHour, long completed, Utilization utilization, String schedulerOrder, boolean prefixCaching,
            String preemption, PoolLayout layout, PoolLatency latency) implements Serializable {

        /** A pool of one stage per replica, without speculation or disaggregation, and without latencies. */
        public PoolResult(String name, String gpu, String model, int replicas, int tensorParallel,
                String weightDtype, String kvDtype, String batching, int kvBlocksPerReplica, long kvTokensPerReplica,
                double usdPerHour, long completed, Utilization utilization, String schedulerOrder,
                boolean prefixCaching, String preemption) {
            this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, batching, kvBlocksPerReplica,
                    kvTokensPerReplica, usdPerHour, completed, utilization, schedulerOrder, prefixCaching, preemption,
                    new PoolLayout(1, tensorParallel, null, 0, Double.NaN, 0, 0, null), PoolLatency.EMPTY);
        }
    }

    /**
     * How a pool's replicas are laid out beyond tensor parallelism.
     *
     * @param pipelineParallel pipeline stages per replica
     * @param gpusPerReplica   GPUs per replica (stages times tensor parallelism)
     * @param draftModel       draft model of speculative decoding, or null
     * @param speculativeK     tokens the draft proposes per step (0 without)
     * @param acceptance       configured per-token acceptance probability (NaN without)
     * @param prefillReplicas  prefill replicas of a disaggregated pool (0 when co-located)
     * @param decodeReplicas   decode replicas of a disaggregated pool (0 when co-located)
     * @param kvLink           the link the KV crosses between them, or null
     */
    public record PoolLayout(int pipelineParallel, int gpusPerReplica, String draftModel, int speculativeK,
            double acceptance, int prefillReplicas, int decodeReplicas, String kvLink) implements Serializable {
    }

    /** Latencies of the measured requests a pool completed. */
    public record PoolLatency(LatencyStats ttft, LatencyStats tpot, LatencyStats e2e) implements Serializable {
        public static final PoolLatency EMPTY = new PoolLatency(LatencyStats.empty(), LatencyStats.empty(),
                LatencyStats.empty());
    }

    /** Per-replica figures inside the window. */
    public record ReplicaResult(int index, String pool, long completed, long iterations, Utilization utilization)
            implements Serializable {
    }

    /**
     * @param wallS      wall-clock seconds the simulation took
     * @param events     discrete events executed
     * @param simulatedS simulated seconds until the last event
     */
    public record SimStats(double wallS, long events, double simulatedS) implements Serializable {
    }

    /**
     * State of every pool sampled every {@code intervalS} simulated seconds, from the first interval until the
     * cluster is idle after the last arrival (or the run stops).
     *
     * @param intervalS simulated seconds between samples
     * @param pools     pool names, in scenario order
     * @param samples   one sample per pool per instant, by time then pool order
     */
    public record TimeSeries(double intervalS, List<String> pools, List<Sample> samples) implements Serializable {
        public static final TimeSeries EMPTY = new TimeSeries(Double.NaN, List.of(), List.of());

        /** The samples of one pool, in time order. */
        public List<Sample> of(String pool) {
            return samples.stream().filter(s -> s.pool().equals(pool)).toList();
        }
    }

    /**
     * One pool at one instant. Rates cover the interval {@code (timeS - interval, timeS]}; the other figures are the
     * state at {@code timeS}, after everything that happened at that instant (vLLM-style gauges).
     *
     * @param timeS        simulated time of the sample, seconds
     * @param pool         pool name
     * @param arrivalsPerS requests routed to the pool during the interval, per second
     * @param queueLength  requests waiting for their first forward pass (or requeued after preemption)
     * @param runningSequences sequences in the running batches
     * @param kvUtilization fraction of the pool's KV-cache blocks in use
     * @param replicas     replicas provisioned
     * @param usdPerHour   spend rate of the provisioned replicas
     * @param servingReplicas replicas running forward passes (provisioned ones minus those in a cold start or a
     *                        restart after a crash)
     */
    public record Sample(double timeS, String pool, double arrivalsPerS, int queueLength, int runningSequences,
            double kvUtilization, int replicas, double usdPerHour, int servingReplicas) implements Serializable {

        /** A sample of a pool whose provisioned replicas all serve. */
        public Sample(double timeS, String pool, double arrivalsPerS, int queueLength, int runningSequences,
                double kvUtilization, int replicas, double usdPerHour) {
            this(timeS, pool, arrivalsPerS, queueLength, runningSequences, kvUtilization, replicas, usdPerHour,
                    replicas);
        }
    }
}
