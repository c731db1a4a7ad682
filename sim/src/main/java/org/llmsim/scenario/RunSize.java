package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.llmsim.workload.trace.TraceSummary;

/**
 * How big a run will be, estimated before it starts: the requests its arrival processes generate (rate times
 * duration, spikes, sessions' turns, closed-loop users, a trace's rows) and the events scheduled on a clock
 * (autoscaler evaluations, random replica crashes). A run above the limit is refused with the field that makes it so
 * big: a rate typed with a few zeros too many would otherwise run for hours, fill the disk with {@code requests.csv}
 * and end out of memory. The limit is the scenario's {@code max_requests}.
 */
public final class RunSize {
    /** The default {@code max_requests}: ten times the million-request benchmark, about a minute of simulation. */
    public static final long DEFAULT_MAX_REQUESTS = 10_000_000;
    /** Events scheduled on a clock that a run may have per request of its limit. */
    static final long EVENTS_PER_REQUEST = 20;
    /** The longest {@code duration_s}, {@code warmup_s} and {@code drain_timeout_s}: one year. */
    public static final double MAX_DURATION_S = 365 * 86_400.0;
    /** Replicas a run may simulate, over all pools and fleet domains: far more than any one service runs. */
    public static final long MAX_REPLICAS = 100_000;
    /** A closed-loop user's shortest cycle (think time plus an answer) when estimating its requests. */
    static final double MIN_CLOSED_LOOP_CYCLE_S = 0.1;

    private RunSize() {
    }

    /** What one arrival source contributes: the field that sets its size, its requests and how they were counted. */
    record Source(String field, double requests, String how) {
    }

    /** The run's limit on requests ({@code max_requests}, or the default). */
    static long maxRequests(ScenarioSpec spec) {
        return spec.maxRequests() != null ? spec.maxRequests() : DEFAULT_MAX_REQUESTS;
    }

    /**
     * The first whole millisecond after a trace's last arrival: a run generates arrivals in {@code [0, duration)},
     * so the duration must lie strictly after the last one (at large times a millisecond is below a double's
     * resolution, and the next representable time is taken).
     */
    static double durationAfter(double lastArrivalS) {
        double d = Math.floor(lastArrivalS * 1000) / 1000 + 0.001;
        return d > lastArrivalS ? d : Math.nextUp(lastArrivalS);
    }

    /** Refuses a run whose trace makes it last longer than {@link #MAX_DURATION_S}. */
    static void checkTraceSpan(ScenarioSpec spec, WorkloadPlan workload, Problems p) {
        String field = null;
        double last = -1;
        if (workload.sharedTrace() != null) {
            field = "workload.trace";
            last = workload.sharedTrace().lastArrivalS();
        }
        for (int i = 0; i < workload.classTraces().size(); i++) {
            TraceSummary t = workload.classTraces().get(i);
            if (t != null && t.lastArrivalS() > last) {
                field = "workload.classes[" + i + "].trace";
                last = t.lastArrivalS();
            }
        }
        if (field != null && !(last < MAX_DURATION_S)) {
            p.add(field, "the last row arrives at " + Problems.format(last) + " s (after start_s and speedup), "
                    + "which makes the run longer than one year (" + Problems.format(MAX_DURATION_S) + " s); set "
                    + "start_s to the trace's first time, compress it with speedup or rate_rps, or give duration_s");
        }
    }

    /** Adds a problem when the run would generate more requests or clock events than the limit allows. */
    static void check(ScenarioSpec spec, WorkloadPlan workload, Problems p) {
        long limit = maxRequests(spec);
        List<Source> sources = requests(spec, workload);
        double total = sources.stream().mapToDouble(Source::requests).sum();
        if (total > limit) {
            Source biggest = sources.stream().max((a, b) -> Double.compare(a.requests, b.requests)).orElseThrow();
            p.add(biggest.field, "the run would generate about " + count(total) + " requests (" + biggest.how
                    + "), more than max_requests (" + count(limit) + "); lower the rate or duration_s, or raise the "
                    + "limit with --set max_requests=N (a million requests take about 5 s and 0.5 GB)");
        }
        checkReplicas(spec, p);
        long maxEvents = limit * EVENTS_PER_REQUEST;
        for (Source clock : clockEvents(spec)) {
            if (clock.requests > maxEvents) {
                p.add(clock.field, "the run would schedule about " + count(clock.requests) + " " + clock.how
                        + ", more than " + count(maxEvents) + " (" + EVENTS_PER_REQUEST + " per request of "
                        + "max_requests " + count(limit) + "); use a longer interval or a lower rate, or raise "
                        + "max_requests");
            }
        }
    }

    /** Refuses more replicas than {@link #MAX_REPLICAS}: each is simulated, and held in memory, on its own. */
    private static void checkReplicas(ScenarioSpec spec, Problems p) {
        List<PoolSpec> pools = spec.cluster().pools();
        int domains = spec.fleet() == null ? 1 : Math.max(1, spec.fleet().size());
        long total = 0;
        int biggest = -1;
        for (int i = 0; i < pools.size(); i++) {
            PoolSpec pool = pools.get(i);
            if (pool.servedByProvider() || pool.replicas() == null) {
                continue;
            }
            total += (long) pool.replicaSlots() * domains;
            if (biggest < 0 || pool.replicaSlots() > pools.get(biggest).replicaSlots()) {
                biggest = i;
            }
        }
        if (total > MAX_REPLICAS) {
            PoolSpec pool = pools.get(biggest);
            String field = "cluster.pools[" + biggest + "]." + (pool.autoscale() != null
                    && pool.autoscale().maxReplicas() != null ? "autoscale.max_replicas" : "replicas");
            p.add(field, "the run would simulate " + count(total) + " replicas" + (domains > 1 ? " (in " + domains
                    + " fleet domains)" : "") + ", more than " + count(MAX_REPLICAS) + "; use fewer, larger replicas "
                    + "(tensor_parallel) or a smaller fleet");
        }
    }

    /** The requests each arrival source generates over the run, in expectation. */
    static List<Source> requests(ScenarioSpec spec, WorkloadPlan workload) {
        double duration = spec.durationS();
        List<Source> sources = new ArrayList<>();
        List<ClassSpec> classes = workload.classes();
        if (workload.sharedArrival() != null) {
            double turns = 1;
            for (ClassSpec c : classes) {
                if (c.sharesWorkloadArrival()) {
                    turns = Math.max(turns, turns(c));
                }
            }
            sources.add(source("workload", workload.sharedArrival(), workload.sharedTrace(), duration, turns));
        }
        for (int i = 0; i < classes.size(); i++) {
            ClassSpec c = classes.get(i);
            if (!c.sharesWorkloadArrival()) {
                sources.add(source("workload.classes[" + i + "]", c.arrival(), workload.classTraces().get(i),
                        duration, turns(c)));
            }
        }
        return sources;
    }

    /** Mean requests a session of the class sends (1 without sessions). */
    private static double turns(ClassSpec c) {
        return c.sessions() == null || c.sessions().turns() == null ? 1
                : Math.max(1, c.sessions().turns().meanTokens());
    }

    private static Source source(String at, ArrivalSpec a, TraceSummary trace, double duration, double turns) {
        String field = at + ".arrival";
        String perSession = turns > 1 ? String.format(Locale.ROOT, ", %.3g turns per session", turns) : "";
        if (a instanceof ArrivalSpec.Trace) {
            long rows = trace == null ? 0 : trace.rows();
            return new Source(at + ".trace", rows, count(rows) + " rows of the trace");
        }
        if (a instanceof ArrivalSpec.ClosedLoop c) {
            double cycle = Math.max(MIN_CLOSED_LOOP_CYCLE_S, c.thinkTimeS().meanS());
            return new Source(field + ".users", c.users() * duration / cycle * turns, c.users() + " users, one "
                    + "request per " + Problems.format(cycle) + " s each for " + Problems.format(duration) + " s"
                    + perSession);
        }
        double rate = a.meanRateRps();
        double arrivals = rate * duration;
        if (a instanceof ArrivalSpec.Piecewise pw && pw.periodS() == null) {
            // after its last point the table's last rate holds
            List<ArrivalSpec.RatePoint> t = pw.table();
            double end = t.get(t.size() - 1).atS();
            arrivals = rate * Math.min(duration, end) + t.get(t.size() - 1).rateRps() * Math.max(0, duration - end);
        }
        double spiked = spikeArrivals(spikesOf(a), rate, duration);
        arrivals += spiked;
        String rateField = a instanceof ArrivalSpec.Poisson || a instanceof ArrivalSpec.Gamma ? field + ".rate_rps"
                : field;
        return new Source(spiked > rate * duration ? field + ".spikes" : rateField, arrivals * turns,
                Problems.format(rate) + " req/s for " + Problems.format(duration) + " s"
                        + (spiked != 0 ? ", spikes adding " + count(spiked) : "") + perSession);
    }

    private static List<ArrivalSpec.Spike> spikesOf(ArrivalSpec a) {
        if (a instanceof ArrivalSpec.Poisson p) {
            return p.spikes();
        }
        if (a instanceof ArrivalSpec.Diurnal d) {
            return d.spikes();
        }
        if (a instanceof ArrivalSpec.Piecewise p) {
            return p.spikes();
        }
        return null;
    }

    /** The arrivals spikes add (or remove) over the run, at the process's mean rate. */
    private static double spikeArrivals(List<ArrivalSpec.Spike> spikes, double rate, double duration) {
        double extra = 0;
        if (spikes != null) {
            for (ArrivalSpec.Spike s : spikes) {
                double overlap = Math.max(0, Math.min(duration, s.endS()) - Math.min(duration, s.atS()));
                extra += rate * (s.factor() - 1) * overlap;
            }
        }
        return extra;
    }

    /** Events on a clock: each autoscaler's evaluations and each random crash fault's crashes over the run. */
    static List<Source> clockEvents(ScenarioSpec spec) {
        List<Source> events = new ArrayList<>();
        double horizon = spec.horizonS();
        List<PoolSpec> pools = spec.cluster().pools();
        for (int i = 0; i < pools.size(); i++) {
            AutoscaleSpec a = pools.get(i).autoscale();
            if (a != null && a.intervalS() > 0) {
                events.add(new Source("cluster.pools[" + i + "].autoscale.interval_s", horizon / a.intervalS(),
                        "autoscaler evaluations (every " + Problems.format(a.intervalS()) + " s for "
                                + Problems.format(horizon) + " s)"));
            }
        }
        for (int i = 0; i < spec.faults().size(); i++) {
            if (spec.faults().get(i) instanceof ReplicaCrashFault f && f.ratePerHour() != null) {
                int replicas = pools.stream().filter(pool -> f.pool() != null && f.pool().equals(pool.name())
                        && pool.replicas() != null).mapToInt(PoolSpec::replicaSlots).findFirst().orElse(1);
                events.add(new Source("faults[" + i + "].rate_per_hour", f.ratePerHour() * replicas
                        * spec.durationS() / 3600, "replica crashes (" + Problems.format(f.ratePerHour())
                        + " per replica-hour on " + replicas + " replicas for " + Problems.format(spec.durationS())
                        + " s)"));
            }
        }
        return events;
    }

    /** A count as people read it: 10,000,000, or 6.0e+14 when it is huge. */
    static String count(double n) {
        return n < 1e12 ? String.format(Locale.ROOT, "%,d", Math.round(n)) : String.format(Locale.ROOT, "%.2g", n);
    }
}
