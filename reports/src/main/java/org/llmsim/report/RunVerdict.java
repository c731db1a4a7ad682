package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;

/**
 * The headline of a run's PDF report: the answer in three numbers (p99 TTFT and TPOT against their targets, dollars
 * per million output tokens; means with their intervals over replications) and a verdict in words on the SLO and
 * the cost, with the sentences the application layer and fleets add ({@link AppReport#budgetVerdict},
 * {@link FleetSummary#verdict}).
 */
final class RunVerdict {
    private RunVerdict() {
    }

    /** The answer in three numbers: p99 TTFT, p99 TPOT, dollars per million output tokens. */
    static List<PdfDocumentBuilder.BigNumber> answer(ReplicationSummary reps) {
        RunResult r = reps.first();
        List<PdfDocumentBuilder.BigNumber> numbers = new ArrayList<>();
        numbers.add(latencyNumber(reps, HeadlineMetric.byKey("ttft_s.p99"), "p99 time to first token",
                r.slo().ttftS()));
        numbers.add(latencyNumber(reps, HeadlineMetric.byKey("tpot_s.p99"), "p99 time per output token",
                r.slo().tpotS()));
        HeadlineMetric perOutput = HeadlineMetric.byKey("cost.usd_per_1m_output_tokens");
        HeadlineMetric perToken = HeadlineMetric.byKey("cost.usd_per_1m_tokens");
        String detail = reps.size() > 1 ? meanOf(reps) + ", +/-" + Format.usd(reps.estimate(perOutput).halfWidth())
                + " (95% CI)" : null;
        numbers.add(new PdfDocumentBuilder.BigNumber(Format.usd(reps.mean(perOutput)), "per 1M output tokens", detail,
                Format.usd(reps.mean(perToken)) + " per 1M tokens, input + output", null));
        return numbers;
    }

    private static String meanOf(ReplicationSummary reps) {
        return "mean of " + reps.size() + " seeds";
    }

    private static PdfDocumentBuilder.BigNumber latencyNumber(ReplicationSummary reps, HeadlineMetric m,
            String caption, Double sloS) {
        double value = reps.mean(m);
        String detail = reps.size() > 1 ? meanOf(reps) + ", +/-" + Format.ms(reps.estimate(m).halfWidth())
                + " ms (95% CI)" : null;
        if (sloS == null) {
            return new PdfDocumentBuilder.BigNumber(Format.ms(value) + " ms", caption, detail, "no SLO set", null);
        }
        boolean met = value <= sloS;
        String target = Format.latency(sloS);
        return new PdfDocumentBuilder.BigNumber(Format.ms(value) + " ms", caption, detail,
                met ? "within the " + target + " SLO" : "over the " + target + " SLO",
                met ? Charts.GOOD : Charts.BAD);
    }

    /** One sentence on SLO attainment and one on what the fleet costs. */
    static String verdict(RunResult r) {
        StringBuilder b = new StringBuilder();
        String targets = TerminalSummary.sloTargets(r.slo());
        String budgets = AppReport.budgetVerdict(r);
        if (targets.isEmpty() && budgets.isEmpty()) {
            b.append("No SLO is set for this workload. ");
        } else if (targets.isEmpty()) {
            b.append(budgets);
        } else {
            b.append(Format.percent(r.slo().attainment())).append(" of the ")
                    .append(Format.count(r.requests().measured())).append(" measured requests met every SLO (")
                    .append(targets).append("); goodput ").append(Format.number(r.slo().goodputRps(), 2))
                    .append(" requests/s. ");
        }
        int gpus = 0;
        for (RunResult.PoolResult p : r.pools()) {
            gpus += p.replicas() * p.layout().gpusPerReplica();
        }
        if (r.cost().apiUsd() > 0 || r.cost().gatewayUsd() > 0) {
            String paid = r.cost().apiUsd() > 0 ? "the API calls" : "the gateway's calls";
            b.append(gpus > 0 ? "The fleet of " + gpus + (gpus == 1 ? " GPU" : " GPUs") + " and " + paid + " cost "
                    : "The API calls cost ").append(Format.usd(r.cost().usdPerHour())).append("/hour (")
                    .append(Format.usd(r.cost().usdPerMonth())).append("/month), ")
                    .append(Format.usd(r.cost().usdPerRequest())).append(" a request.");
        } else {
            b.append("The fleet of ").append(gpus).append(gpus == 1 ? " GPU costs " : " GPUs costs ")
                    .append(Format.usd(r.cost().usdPerHour())).append("/hour (")
                    .append(Format.usd(r.cost().usdPerMonth())).append("/month) and spends ")
                    .append(Format.percent(r.utilization().busyFraction())).append(" of its time in forward passes.");
        }
        if (r.requests().rejected() > 0 || r.requests().unfinished() > 0) {
            b.append(" ").append(Format.count(r.requests().rejected())).append(" requests were rejected and ")
                    .append(Format.count(r.requests().unfinished())).append(" were unfinished when the run stopped.");
        }
        if (!targets.isEmpty()) {
            b.append(FleetSummary.verdict(r));
        }
        return b.toString();
    }
}
