package org.llmsim.metrics;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything one simulation run measured, as plain records; the schema behind {@code summary.json}. Times are
 * seconds, money USD. Values that cannot be computed (no completions, no SLO) are NaN.
 *
 * <p>The core below is what every run measures. What belongs to one feature (inter-token latency, preemptions, the
 * prefix cache, speculative decoding, KV transfers, the application layer, autoscaling and faults, fleets) is an
 * optional {@link Section}, read with its kind's {@code of}, e.g. {@code PrefixCacheResult.of(r)}. Figures that are
 * rates or shares keep the counts they are made of (completions and tokens inside the window, requests that met the
 * SLO), so results merge exactly ({@link FleetMerge}).
 *
 * @param scenario    scenario name
 * @param seed        seed of the run
 * @param window      the measurement window
 * @param requests    request counts; every arrived request is completed, rejected, failed or unfinished
 * @param ttft        time to first token of measured completed requests
 * @param tpot        time per output token after the first (requests with more than one output token)
 * @param e2e         end-to-end latency
 * @param queue       queueing delay: first scheduled minus arrival
 * @param throughput  completions inside the window
 * @param slo         SLO targets, attainment and goodput
 * @param cost        GPU, API and gateway spend
 * @param utilization time-weighted and per-iteration utilization, averaged over replicas
 * @param pools       per-pool figures
 * @param replicas    per-replica figures
 * @param classes     per-class figures, in the workload's class order ({@code default} alone without classes)
 * @param measured    measured requests that completed, counted as {@code vllm bench serve} counts its requests
 * @param sim         how the simulation itself ran
 * @param timeSeries  per-pool state sampled at a fixed simulated interval (arrivals, queue, batch, KV, cost rate)
 * @param sections    the optional sections, at most one of each kind
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
        List<PoolResult> pools,
        List<ReplicaResult> replicas,
        List<ClassResult> classes,
        MeasuredRequests measured,
        SimStats sim,
        TimeSeries timeSeries,
        Sections sections) implements Serializable {

    /** Whether this result has a section of kind {@code type}. */
    public boolean has(SectionType<?> type) {
        return sections.has(type);
    }

    /** This result with {@code section} added, or replacing the one of its kind. */
    public RunResult with(Section section) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, pools, replicas, classes, measured, sim, timeSeries, sections.with(section));
    }

    /** This result with its time series replaced (the sampler runs beside the collector). */
    public RunResult withTimeSeries(TimeSeries series) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, pools, replicas, classes, measured, sim, series, sections);
    }

    /** This result with its bill replaced (the application layer adds API and gateway spend). */
    public RunResult withCost(Cost value) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, value,
                utilization, pools, replicas, classes, measured, sim, timeSeries, sections);
    }

    /** The same result with other simulation statistics (tests compare runs without their wall time). */
    public RunResult withSim(SimStats value) {
        return new RunResult(scenario, seed, window, requests, ttft, tpot, e2e, queue, throughput, slo, cost,
                utilization, pools, replicas, classes, measured, value, timeSeries, sections);
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
            Map<String, Long> rejectedByReason, long failed, Map<String, Long> failedByReason)
                    implements Serializable {
    }

    /**
     * Completions inside the window, as counts over the window's length; the rates derive from them.
     *
     * @param completed    requests completed inside the window
     * @param inputTokens  their prompt tokens
     * @param outputTokens their output tokens
     * @param windowS      length of the window
     */
    public record Throughput(long completed, long inputTokens, long outputTokens, double windowS)
            implements Serializable {

        public double requestsPerS() {
            return completed / windowS;
        }

        public double inputTokensPerS() {
            return inputTokens / windowS;
        }

        public double outputTokensPerS() {
            return outputTokens / windowS;
        }
    }

    /**
     * SLO targets and the counts their attainment and goodput derive from.
     *
     * @param ttftS        TTFT target, or null
     * @param tpotS        TPOT target, or null
     * @param e2eS         end-to-end target, or null
     * @param deadlineS    completion deadline, or null
     * @param measured     measured requests (arrived inside the window)
     * @param good         of those, the ones that completed and met every target of their class
     * @param goodInWindow completions inside the window that met every target
     * @param withDeadline measured requests of classes with a deadline
     * @param inDeadline   of those, the ones that completed within it
     * @param windowS      length of the window
     */
    public record SloResult(Double ttftS, Double tpotS, Double e2eS, Double deadlineS, long measured, long good,
            long goodInWindow, long withDeadline, long inDeadline, double windowS) implements Serializable {

        /** Share of measured requests that completed and met every target (NaN without measured requests). */
        public double attainment() {
            return measured == 0 ? Double.NaN : (double) good / measured;
        }

        /** Completions inside the window that met every target, per second. */
        public double goodputRps() {
            return goodInWindow / windowS;
        }

        /** Share of measured requests with a deadline that completed within it (NaN without). */
        public double deadlineAttainment() {
            return withDeadline == 0 ? Double.NaN : (double) inDeadline / withDeadline;
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
    }

    /**
     * @param kvCacheMean   time-weighted mean fraction of KV blocks in use
     * @param batchSizeMean mean sequences per forward pass
     * @param busyFraction  fraction of time replicas spent in forward passes
     * @param replicaS      replica-seconds inside the window the time-weighted means are over (the weight results
     *                      merge with)
     * @param passes        forward passes that started inside the window (the weight of the batch size mean)
     */
    public record Utilization(double kvCacheMean, double batchSizeMean, double busyFraction, double replicaS,
            long passes) implements Serializable {
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
     * @param arrivals     requests routed to the pool during the interval
     * @param intervalS    length of the interval
     * @param queueLength  requests waiting for their first forward pass (or requeued after preemption)
     * @param runningSequences sequences in the running batches
     * @param kvUtilization fraction of the pool's KV-cache blocks in use
     * @param replicas     replicas provisioned
     * @param usdPerHour   spend rate of the provisioned replicas
     * @param servingReplicas replicas running forward passes (provisioned ones minus those in a cold start or a
     *                        restart after a crash)
     */
    public record Sample(double timeS, String pool, long arrivals, double intervalS, int queueLength,
            int runningSequences, double kvUtilization, int replicas, double usdPerHour, int servingReplicas)
                    implements Serializable {

        /** Requests routed to the pool during the interval, per second. */
        public double arrivalsPerS() {
            return arrivals / intervalS;
        }
    }
}
