/**
 * What a run measured: per-request latencies, time-weighted utilization, throughput, SLO attainment and cost.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.metrics.RunResult} - the plain records a run returns: a core every run has (counts,
 *       latencies, throughput, SLO, cost, utilization, pools, replicas, classes, time series) and optional
 *       {@link org.llmsim.metrics.Section}s, one per feature ({@link org.llmsim.metrics.ItlResult},
 *       {@link org.llmsim.metrics.PreemptionResult}, {@link org.llmsim.metrics.PrefixCacheResult},
 *       {@link org.llmsim.metrics.SpeculativeResult}, {@link org.llmsim.metrics.KvTransferResult},
 *       {@link org.llmsim.metrics.EnergyResult},
 *       {@link org.llmsim.metrics.AppResult}, {@link org.llmsim.metrics.ElasticResult},
 *       {@link org.llmsim.metrics.FleetResult}), each read with its kind's {@code of(result)}. Rates and shares keep
 *       the counts they derive from, so results merge exactly. {@code reports} turns results into files and never
 *       reads simulator internals.</li>
 *   <li>{@link org.llmsim.metrics.MetricsCollector} - listens to the engine and hands each event to one probe per
 *       feature, each stating its window: {@link org.llmsim.metrics.RequestProbe} (counts and latencies per class and
 *       pool), {@link org.llmsim.metrics.ReplicaProbe} (utilization per replica), and one probe per section;
 *       checks that every request ends exactly once.</li>
 *   <li>{@link org.llmsim.metrics.LatencyHistogram} - streaming percentiles in bounded memory (HdrHistogram,
 *       three significant digits) with exact mean, standard deviation, minimum and maximum.</li>
 *   <li>{@link org.llmsim.metrics.CostCalculator} - combines provisioned GPU time with the price table, and the
 *       per-call spend of API providers and the gateway into the bill and the steady-state rates.</li>
 *   <li>{@link org.llmsim.metrics.EnergyAccounting} - the GPUs' energy over the window (each pass at its operators'
 *       power, the rest of the provisioned time idle), the hosts', the facility's (PUE) and its CO2, per pool and
 *       class, into the {@link org.llmsim.metrics.EnergyResult} section; {@code MeasuredPoolEnergy} turns
 *       it into an owned pool's electricity (kWh per provisioned GPU-hour) in place of the rated-power fallback
 *       {@link org.llmsim.metrics.PoolEnergy#RATED_POWER}.</li>
 *   <li>{@link org.llmsim.metrics.CostLedger} - every dollar by backend, pool, tier, class and kind; GPU time shared
 *       among tiers and classes by the tokens each served. {@link org.llmsim.metrics.AppResult} holds the ledger's
 *       breakdown with the caches, tiers, backends and break-even of a run.</li>
 *   <li>{@link org.llmsim.metrics.TimeSeriesSampler} - per-pool state (arrivals, queue, running batch, KV, replicas,
 *       cost rate) sampled by one observation event per interval; read through {@link
 *       org.llmsim.metrics.PoolGauges}.</li>
 *   <li>{@link org.llmsim.metrics.FleetMerge} - the result of a fleet from its router domains' results: the core
 *       merged here (counts summed, latency histograms added), each section by its
 *       {@link org.llmsim.metrics.SectionType}'s merge ({@link org.llmsim.metrics.FleetApp},
 *       {@link org.llmsim.metrics.FleetElastic}, {@link org.llmsim.metrics.FleetPools} and
 *       {@link org.llmsim.metrics.FleetSeries} for the parts merged by convention).</li>
 *   <li>{@link org.llmsim.metrics.HeadlineMetric} - the figures runs are compared on, by their summary.json path;
 *       {@link org.llmsim.metrics.ReplicationSummary} gives each one's mean and 95% confidence interval
 *       ({@link org.llmsim.metrics.Estimate}, Student t) over replications.</li>
 * </ul>
 * Statistics cover the measurement window {@code [warmup_s, duration_s)}: latencies of requests that arrived in it,
 * throughput of completions that happened in it; each probe's comment says which window its figures cover.
 *
 * <p>A new figure of a feature goes into its section (a raw count, the ratio derived from it, the merge), its probe
 * and the writers that show it; a new feature adds a section kind, a probe and its writers, and neither touches the
 * core or the fleet merge.
 *
 * <p>Depends on: engine, hardware, kernel, pricing, request, scenario.
 */
package org.llmsim.metrics;
