package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.metrics.SloCheck;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.SloSpec;

/**
 * Streams {@code requests.csv}, one row per request in the order their fates become final, while the simulation
 * runs: memory stays flat however many requests there are. Times are seconds with microsecond resolution; empty
 * cells mean "does not apply" (no first token for a rejected request, no TPOT for a one-token answer).
 */
public final class RequestsCsvWriter implements RequestSink, Closeable {
    /** Column names, documented in the README. */
    public static final String HEADER = "id,pool,replica,status,arrival_s,scheduled_s,first_token_s,finish_s,"
            + "input_tokens,output_tokens,queue_s,ttft_s,tpot_s,e2e_s,preemptions,measured,slo_met,reject_reason,"
            + "class,session_id,cached_tokens,swaps,tier,backend,cache_hit,calls,cost_usd,"
            + "crash_retries,fail_reason,retries,fallbacks,stage_latencies_s";

    /** A fleet's rows end with the router domain: ids and sessions are numbered per domain. */
    public static final String FLEET_HEADER = HEADER + ",domain";

    private final BufferedWriter out;
    private final Domain[] domains;
    private final boolean fleet;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * What a row needs of the domain its request ran in.
     *
     * @param name          the domain's name (null outside a fleet)
     * @param poolOfReplica pool name by the domain's replica index
     * @param replicaOffset the domain's first replica in the fleet's numbering (summary.json's replicas)
     */
    private record Domain(String name, String[] poolOfReplica, int replicaOffset, SloSpec[] sloByClass,
            String[] classNames, RunResult.Window window) {
        static Domain of(String name, Scenario scenario, int replicaOffset) {
            String[] poolOfReplica = new String[scenario.totalReplicas()];
            int i = 0;
            for (var pool : scenario.pools()) {
                for (int k = 0; k < pool.replicas(); k++) {
                    poolOfReplica[i++] = pool.name();
                }
            }
            List<ClassSpec> classes = scenario.workload().classes();
            return new Domain(name, poolOfReplica, replicaOffset, classes.stream().map(ClassSpec::slo)
                    .toArray(SloSpec[]::new), classes.stream().map(ClassSpec::name).toArray(String[]::new),
                    new RunResult.Window(scenario.spec().warmupS(), scenario.spec().durationS()));
        }
    }

    public RequestsCsvWriter(Path file, Scenario scenario) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.fleet = scenario.isFleet();
        if (fleet) {
            domains = new Domain[scenario.fleet().size()];
            int offset = 0;
            for (int d = 0; d < domains.length; d++) {
                var domain = scenario.fleet().domain(d);
                domains[d] = Domain.of(domain.name(), domain.scenario(), offset);
                offset += domain.scenario().totalReplicas();
            }
        } else {
            domains = new Domain[] {Domain.of(null, scenario, 0)};
        }
        out.write(fleet ? FLEET_HEADER : HEADER);
        out.write('\n');
    }

    @Override
    public void accept(Request r) {
        write(r, domains[0]);
    }

    @Override
    public RequestSink forDomain(int domain) {
        Domain d = domains[domain];
        return r -> write(r, d);
    }

    private void write(Request r, Domain domain) {
        String[] poolOfReplica = domain.poolOfReplica();
        SloSpec[] sloByClass = domain.sloByClass();
        String[] classNames = domain.classNames();
        RunResult.Window window = domain.window();
        StringBuilder b = line;
        b.setLength(0);
        b.append(r.id()).append(',');
        Journey j = r.journey(); // what the application layer did for it; null without one (empty and zero cells)
        int replica = r.replica();
        String pool = replica >= 0 ? poolOfReplica[replica]
                : j != null && j.cacheHit() == null ? j.backend() : null;
        b.append(pool == null ? "" : pool).append(',');
        if (replica >= 0) {
            b.append(domain.replicaOffset() + replica);
        }
        b.append(',').append(r.status().csvName()).append(',');
        seconds(b, r.arrivalS()).append(',');
        seconds(b, r.scheduledS()).append(',');
        seconds(b, r.firstTokenS()).append(',');
        seconds(b, r.finishS()).append(',');
        b.append(r.inputTokens()).append(',').append(r.outputTokens()).append(',');
        boolean completed = r.status() == RequestStatus.COMPLETED;
        seconds(b, r.queueS()).append(',');
        seconds(b, completed ? r.ttftS() : Double.NaN).append(',');
        seconds(b, completed ? r.tpotS() : Double.NaN).append(',');
        seconds(b, completed ? r.e2eS() : Double.NaN).append(',');
        b.append(r.preemptions()).append(',');
        b.append(window.contains(r.arrivalS()) ? "true" : "false").append(',');
        b.append(completed && SloCheck.meets(sloByClass[r.classIndex()], r) ? "true" : "false").append(',');
        if (r.rejectReason() != null) {
            b.append(r.rejectReason());
        }
        b.append(',').append(classNames[r.classIndex()]).append(',');
        if (r.contextId() >= 0) {
            b.append(r.contextId()); // a session (generated ids are small, trace ids hashed)
        }
        b.append(',').append(r.cachedTokens()).append(',').append(r.swaps()).append(',');
        journey(b, j);
        b.append(',').append(r.crashRetries()).append(',');
        if (r.failReason() != null) {
            b.append(r.failReason());
        }
        b.append(',').append(j == null ? 0 : j.retries());
        b.append(',').append(j == null ? 0 : j.fallbacks()).append(',');
        stages(b, j);
        if (fleet) {
            b.append(',').append(domain.name());
        }
        b.append('\n');
        try {
            out.append(b);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    /** The tier, backend, cache_hit, calls and cost_usd cells. */
    private static void journey(StringBuilder b, Journey j) {
        if (j == null) {
            b.append(",,,0,");
            usd(b, 0);
            return;
        }
        if (j.tier() != null) {
            b.append(j.tier());
        }
        b.append(',');
        if (j.backend() != null) {
            b.append(j.backend());
        }
        b.append(',');
        if (j.cacheHit() != null) {
            b.append(j.cacheHit());
        }
        b.append(',').append(j.calls()).append(',');
        usd(b, j.costUsd());
    }

    /** A pipeline request's stage latencies, {@code name=seconds} joined by {@code ;} (stages not reached left out). */
    private static void stages(StringBuilder b, Journey j) {
        String[] names = j == null ? null : j.stageNames();
        if (names == null) {
            return;
        }
        double[] latency = j.stageLatencyS();
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            if (Double.isNaN(latency[i])) {
                continue;
            }
            if (!first) {
                b.append(';');
            }
            first = false;
            b.append(names[i]).append('=');
            seconds(b, latency[i]);
        }
    }

    /** Appends seconds with six decimals, or nothing for NaN; fast, exact and locale-independent. */
    static StringBuilder seconds(StringBuilder b, double s) {
        if (Double.isNaN(s)) {
            return b;
        }
        long micros = Math.round(s * 1e6);
        if (micros < 0) {
            b.append('-');
            micros = -micros;
        }
        b.append(micros / 1_000_000).append('.');
        long frac = micros % 1_000_000;
        for (long div = 100_000; div > 0; div /= 10) {
            b.append((char) ('0' + (frac / div) % 10));
        }
        return b;
    }

    /** Appends dollars with nine decimals (nano-dollars): exact for per-token prices, locale-independent. */
    static StringBuilder usd(StringBuilder b, double usd) {
        long nanos = Math.round(usd * 1e9);
        if (nanos < 0) {
            b.append('-');
            nanos = -nanos;
        }
        b.append(nanos / 1_000_000_000L).append('.');
        long frac = nanos % 1_000_000_000L;
        for (long div = 100_000_000L; div > 0; div /= 10) {
            b.append((char) ('0' + (frac / div) % 10));
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
