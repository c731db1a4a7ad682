package org.llmsim.report;

import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.Objective;
import org.llmsim.planning.ScenarioSource;

/** The terminal view of a plan: the winner, then every shape ranked. */
public final class PlanTable {
    private PlanTable() {
    }

    /** A progress line for one simulated deployment. */
    public static String progress(DeploymentSearch.Evaluation e) {
        var j = e.judgement();
        return String.format(java.util.Locale.ROOT, "  %-44s %-7s %s", e.replicas() + " x " + e.candidate().label(),
                j.meets() ? "meets" : "misses", j.checks().isEmpty() ? "no requests"
                        : CapacityText.checkText(j.binding()));
    }

    /** A loader message without its "file.yaml: " prefix and "(value from --set)" suffix. */
    static String withoutFile(String reason) {
        int at = reason.indexOf(": cluster.");
        String text = at >= 0 ? reason.substring(at + 2) : reason;
        return text.replace(" (value from --set)", "");
    }

    /** @param wallS wall-clock seconds of the whole search */
    public static String render(DeploymentSearch.Result r, ScenarioSource source, Style st, double wallS) {
        StringBuilder b = new StringBuilder();
        b.append(st.bold("llmsim plan · " + source.spec().name() + " at " + Format.plain(r.targetRps())
                + " req/s")).append(st.dim(" · " + r.options().size() + " shapes, " + PlanView.skipped(r) + " · "
                + r.runs() + " simulations in " + Format.duration(wallS))).append('\n');
        b.append(st.dim("criterion  " + r.criterion().describe())).append('\n');
        b.append(st.dim("scaled     " + r.scaling().description())).append('\n');
        b.append(st.dim("objective  " + r.objective().key() + ": deployments that meet the SLOs ranked by "
                + r.objective().unit() + (r.objective() == Objective.COST ? "" : " (ties: $/hour)"))).append('\n');
        if (r.autoscaled()) {
            b.append(st.dim("autoscaled the pool autoscales: replicas are its max_replicas, $/hour the mean cost of the "
                    + "replicas it provisioned")).append('\n');
        }
        b.append('\n');
        DeploymentSearch.Option w = r.winner();
        if (w == null) {
            b.append(st.red("no deployment in the space meets the SLOs at this rate")).append(st.dim(
                    " (raise max_replicas, add GPUs or tensor-parallel sizes, or relax the SLOs)")).append("\n\n");
        } else {
            var e = w.chosen();
            b.append(r.objective() == Objective.COST ? "cheapest   " : "best " + r.objective().key() + "   ")
                    .append(st.bold(PlanView.deployment(w))).append(": ")
                    .append(st.bold(Format.usd(e.usdPerHour()) + "/h")).append(" (")
                    .append(Format.usd(e.usdPerHour() * 730)).append("/month), p99 TTFT ")
                    .append(Format.latency(e.reps().mean(PlanView.TTFT_P99))).append(", p99 TPOT ")
                    .append(Format.latency(e.reps().mean(PlanView.TPOT_P99)));
            if (r.objective() != Objective.COST) {
                b.append(", ").append(PlanView.figure(r.objective().value(w))).append(' ')
                        .append(r.objective().unit());
            }
            b.append("\n\n");
        }
        var rows = PlanView.rows(r);
        // the shape first, left-aligned, then the figures
        java.util.List<String[]> table = new java.util.ArrayList<>();
        for (String[] row : rows) {
            String shape = row == rows.get(0) ? "shape" : (row[0].equals("-") ? "-" : row[0] + ".") + " " + row[1]
                    + " " + row[2] + " tp" + row[3] + " batch " + row[4];
            table.add(new String[] {shape, row[5], row[6], row[7], row[8], row[9], row[10], row[11], row[12],
                row[13], row[14]});
        }
        table.set(0, new String[] {"shape", "replicas", "GPUs", "$/hour", "$/1M out", "kWh/1M out", "kg CO2/h",
                "TTFT p99 (ms)", "TPOT p99 (ms)", "SLO met", "outcome"});
        TerminalSummary.appendTable(b, table, st, (row, col) -> {
            if (col != table.get(0).length - 1) {
                return s -> s;
            }
            return r.options().get(row - 1).outcome() == DeploymentSearch.Outcome.MEETS ? st::green : st::dim;
        });
        // an invalid combination (say data parallelism of a mixture of experts without expert parallelism) says why
        // (shapes refused for the same reason share a line)
        java.util.Map<String, java.util.List<String>> invalid = new java.util.LinkedHashMap<>();
        for (DeploymentSearch.Option o : r.options()) {
            if (o.outcome() == DeploymentSearch.Outcome.INVALID && o.reason() != null) {
                invalid.computeIfAbsent(withoutFile(o.reason()), k -> new java.util.ArrayList<>())
                        .add(o.candidate().label());
            }
        }
        invalid.forEach((reason, labels) -> b.append(st.dim("invalid    " + String.join(", ", labels) + ": "
                + reason)).append('\n'));
        return b.toString();
    }
}
