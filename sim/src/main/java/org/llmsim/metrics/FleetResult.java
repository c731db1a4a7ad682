package org.llmsim.metrics;

import java.io.Serializable;
import java.util.List;

/**
 * The router domains a fleet's result was merged from ({@link FleetMerge}): one row per domain, in the fleet's
 * order. Nothing here depends on wall-clock time or on how the domains were grouped into shards other than
 * {@code shards} itself, so a fleet's summary is the same whatever the shard count.
 *
 * @param domains router domains merged (0 for an ordinary run: {@link #NONE})
 * @param shards  units of work the domains were simulated in
 * @param rows    one row per domain, in input order
 */
public record FleetResult(int domains, int shards, List<DomainRow> rows) implements Section {
    public static final FleetResult NONE = new FleetResult(0, 0, List.of());
    /** Made by {@link FleetMerge}; a fleet is not a domain of another fleet. */
    public static final SectionType<FleetResult> TYPE = new SectionType<>("fleet", FleetResult.class, NONE,
            (parts, fleet) -> {
                throw new IllegalArgumentException("a fleet's result cannot be a router domain of another fleet");
            });

    /** The router domains {@code r} was merged from ({@link #NONE} for one run). */
    public static FleetResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** Whether {@code r} was merged from the router domains of a fleet. */
    public static boolean isFleet(RunResult r) {
        return r.has(TYPE);
    }

    @Override
    public SectionType<FleetResult> type() {
        return TYPE;
    }

    public FleetResult {
        rows = List.copyOf(rows);
    }

    /**
     * One router domain's headline figures, over its own requests (seconds, USD; NaN when undefined).
     *
     * @param name          domain name
     * @param share         its share of the fleet's traffic
     * @param arrived       requests that arrived
     * @param completed     requests completed
     * @param failed        requests failed
     * @param rejected      requests rejected
     * @param ttftP50S      median time to first token
     * @param ttftP99S      99th percentile time to first token
     * @param e2eP99S       99th percentile end-to-end latency
     * @param throughputRps completions inside the window, per second
     * @param sloAttainment share of measured requests that met every target
     * @param usdPerHour    steady-state spend rate
     * @param events        discrete events its simulation executed
     */
    public record DomainRow(String name, double share, long arrived, long completed, long failed, long rejected,
            double ttftP50S, double ttftP99S, double e2eP99S, double throughputRps, double sloAttainment,
            double usdPerHour, long events) implements Serializable {

        /** The row of a domain's own result. */
        public static DomainRow of(DomainRun run) {
            RunResult r = run.result();
            return new DomainRow(run.domain(), run.share(), r.requests().arrived(), r.requests().completed(),
                    r.requests().failed(), r.requests().rejected(), r.ttft().p50(), r.ttft().p99(), r.e2e().p99(),
                    r.throughput().requestsPerS(), r.slo().attainment(), r.cost().usdPerHour(), r.sim().events());
        }
    }
}
