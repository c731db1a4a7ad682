package org.llmsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.llmsim.report.Format;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.WorkloadPlan;
import org.llmsim.workload.trace.TraceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmsim validate}: check a scenario without simulating it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario and its profiles; print what each pool resolves to. Exit code 2 on errors.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Mixin
    ScenarioOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = options.load(scenarioFile);
        var out = spec.commandLine().getOut();
        WorkloadPlan w = s.workload();
        out.printf(Locale.ROOT, "%s: valid scenario '%s' (seed %d, %s of arrivals)%n", s.sourceFile(), s.name(),
                s.seed(), Format.duration(s.spec().durationS()));
        if (w.sharedArrival() != null) {
            out.printf(Locale.ROOT, "  arrivals: %s%s%n", w.sharedArrival().describe(), traceLine(w.sharedTrace()));
        }
        for (int i = 0; i < w.classes().size(); i++) {
            ClassSpec c = w.classes().get(i);
            if (!w.explicitClasses()) {
                break;
            }
            out.printf(Locale.ROOT, "  class %s: %s, priority %d%n", c.name(), c.sharesWorkloadArrival()
                    ? (c.share() != null ? Format.percent(c.share()) + " of arrivals" : "an equal share of arrivals")
                    : c.arrival().describe() + traceLine(w.classTraces().get(i)), c.priority());
        }
        out.printf(Locale.ROOT, "  longest prompt %s tokens, longest output %s tokens%n",
                Format.count(w.maxInputTokens()), Format.count(w.maxOutputTokens()));
        for (PoolPlan p : s.pools()) {
            out.printf(Locale.ROOT, "  pool %s: %d x %s, %s batching, %s KV tokens per replica (%s GB weights per "
                            + "GPU), %s/h%n",
                    p.name(), p.replicas(), p.hardware().describe(), p.scheduler().policy().yamlName(),
                    Format.count(p.memory().kvTokens()), Format.number(p.memory().weightBytesPerGpu() / 1e9, 1),
                    Format.usd(p.usdPerHour()));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String traceLine(TraceSummary t) {
        if (t == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (%s, %s layout, %s rows%s, %s req/s mean over %s)", t.name(),
                t.format().yamlName(), Format.count(t.rows()), t.skippedRows() > 0 ? ", " + Format.count(
                        t.skippedRows()) + " rows with 0 tokens skipped" : "", Format.number(t.meanRateRps(), 2),
                Format.duration(t.lastArrivalS()));
    }
}
