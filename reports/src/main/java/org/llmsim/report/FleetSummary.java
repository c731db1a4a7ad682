package org.llmsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.FleetResult;
import org.llmsim.metrics.RunResult;

/**
 * The router domains of a fleet's result: the {@code fleet} block of {@code summary.json}, a short section of the
 * terminal summary, a table of the PDF and a sentence of its verdict. Ordinary runs have none of them.
 */
final class FleetSummary {
    /** Domains the terminal lists before "... N more". */
    static final int TERMINAL_ROWS = 10;
    /** Domains the PDF table lists before a note. */
    static final int PDF_ROWS = 60;

    private FleetSummary() {
    }

    /** {@code fleet: {domains, shards, rows: [{name, share, arrived, ...}]}}, only for a fleet. */
    static void addTo(ObjectNode root, RunResult r) {
        if (!FleetResult.isFleet(r)) {
            return;
        }
        FleetResult f = FleetResult.of(r);
        ObjectNode node = root.putObject("fleet");
        node.put("domains", f.domains());
        node.put("shards", f.shards());
        ArrayNode rows = node.putArray("rows");
        for (FleetResult.DomainRow d : f.rows()) {
            ObjectNode n = rows.addObject();
            n.put("name", d.name());
            Json.number(n, "share", d.share());
            n.put("arrived", d.arrived());
            n.put("completed", d.completed());
            n.put("failed", d.failed());
            n.put("rejected", d.rejected());
            Json.number(n, "ttft_p50_s", d.ttftP50S());
            Json.number(n, "ttft_p99_s", d.ttftP99S());
            Json.number(n, "e2e_p99_s", d.e2eP99S());
            Json.number(n, "throughput_rps", d.throughputRps());
            Json.number(n, "slo_attainment", d.sloAttainment());
            Json.number(n, "usd_per_hour", d.usdPerHour());
            n.put("events", d.events());
        }
    }

    /**
     * For the PDF's verdict on a fleet with SLO targets, " The fleet is N router domains ...": the worst domain's
     * attainment, since the figures before it are the merged ones; empty for one run.
     */
    static String verdict(RunResult r) {
        if (!FleetResult.isFleet(r)) {
            return "";
        }
        FleetResult f = FleetResult.of(r);
        FleetResult.DomainRow worst = f.rows().stream()
                .min(Comparator.comparingDouble(FleetResult.DomainRow::sloAttainment)).orElseThrow();
        return " The fleet is " + f.domains() + " router domains (see Router domains); "
                + (worst.sloAttainment() < r.slo().attainment() ? "the worst, " + worst.name() + ", met every SLO for "
                        + Format.percent(worst.sloAttainment()) + " of its requests."
                        : "every domain met every SLO for the same share of its requests.");
    }

    /** A line on the fleet and a table of its first domains. */
    static void append(StringBuilder b, RunResult r, Style st) {
        if (!FleetResult.isFleet(r)) {
            return;
        }
        FleetResult f = FleetResult.of(r);
        b.append(TerminalSummary.label("fleet")).append(Format.count(f.domains())).append(" router domains in ")
                .append(Format.count(f.shards())).append(f.shards() == 1 ? " shard" : " shards")
                .append(st.dim("   (figures above: all domains merged)")).append('\n');
        List<String[]> rows = rows(f, TERMINAL_ROWS);
        TerminalSummary.appendTable(b, rows, st);
        if (f.rows().size() > TERMINAL_ROWS) {
            b.append(TerminalSummary.label("")).append(st.dim("... " + Format.count(f.rows().size() - TERMINAL_ROWS)
                    + " more (summary.json lists every domain)")).append('\n');
        }
    }

    /** The per-domain table of the PDF. */
    static void pdf(PdfDocumentBuilder pdf, RunResult r) {
        if (!FleetResult.isFleet(r)) {
            return;
        }
        FleetResult f = FleetResult.of(r);
        pdf.heading("Router domains");
        pdf.subtle(f.domains() + " independent router domains, simulated in " + f.shards() + " shard"
                + (f.shards() == 1 ? "" : "s") + " and merged: counts and dollars add up, latency percentiles come"
                + " from the domains' histograms added together.");
        List<String[]> rows = rows(f, PDF_ROWS);
        pdf.table(rows, pdf.widthsByContent(rows));
        if (f.rows().size() > PDF_ROWS) {
            pdf.subtle((f.rows().size() - PDF_ROWS) + " more domains are listed in summary.json.");
        }
    }

    private static List<String[]> rows(FleetResult f, int limit) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"domain", "share", "arrived", "completed", "rej+failed", "TTFT p50", "TTFT p99",
                "E2E p99", "req/s", "SLO met", "$/hour"});
        for (FleetResult.DomainRow d : f.rows().subList(0, Math.min(limit, f.rows().size()))) {
            rows.add(new String[] {d.name(), Format.percent(d.share()), Format.count(d.arrived()),
                    Format.count(d.completed()), Format.count(d.failed() + d.rejected()), Format.ms(d.ttftP50S()),
                    Format.ms(d.ttftP99S()), Format.ms(d.e2eP99S()), Format.number(d.throughputRps(), 2),
                    Format.percent(d.sloAttainment()), Format.usd(d.usdPerHour())});
        }
        return rows;
    }
}
