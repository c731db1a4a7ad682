package org.llmsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.llmsim.report.Format;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
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
        out.printf(Locale.ROOT, "%s: valid scenario '%s' (seed %d, %s of arrivals at %s req/s mean)%n",
                s.sourceFile(), s.name(), s.seed(), Format.duration(s.spec().durationS()),
                Format.plain(s.spec().workload().arrival().meanRateRps()));
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
}
