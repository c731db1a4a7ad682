/**
 * What a run measured: per-request latencies, time-weighted utilization, throughput, SLO attainment and cost.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.metrics.RunResult} - the plain records a run returns; {@code reports} turns them into
 *       files and never reads simulator internals.</li>
 *   <li>{@link org.llmsim.metrics.MetricsCollector} - listens to the engine; per-request tallies (TTFT, TPOT,
 *       E2E, queueing) are kept apart from time-weighted measures (KV occupancy, busy time).</li>
 *   <li>{@link org.llmsim.metrics.LatencyHistogram} - streaming percentiles in bounded memory (HdrHistogram,
 *       three significant digits) with exact mean, standard deviation, minimum and maximum.</li>
 *   <li>{@link org.llmsim.metrics.CostCalculator} - combines provisioned GPU time with the price table, and the
 *       per-call spend of API providers and the gateway into the bill and the steady-state rates.</li>
 *   <li>{@link org.llmsim.metrics.CostLedger} - every dollar by backend, pool, tier, class and kind; GPU time shared
 *       among tiers and classes by the tokens each served. {@link org.llmsim.metrics.AppResult} holds the ledger's
 *       breakdown with the caches, tiers, backends and break-even of a run.</li>
 *   <li>{@link org.llmsim.metrics.TimeSeriesSampler} - per-pool state (arrivals, queue, running batch, KV, replicas,
 *       cost rate) sampled by one observation event per interval; read through {@link
 *       org.llmsim.metrics.PoolGauges}.</li>
 *   <li>{@link org.llmsim.metrics.HeadlineMetric} - the figures runs are compared on, by their summary.json path;
 *       {@link org.llmsim.metrics.ReplicationSummary} gives each one's mean and 95% confidence interval
 *       ({@link org.llmsim.metrics.Estimate}, Student t) over replications.</li>
 * </ul>
 * Statistics cover the measurement window {@code [warmup_s, duration_s)}: latencies of requests that arrived in it,
 * throughput of completions that happened in it.
 */
package org.llmsim.metrics;
