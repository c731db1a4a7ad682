package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * What every command that simulates shares: the scenario options ({@code --set}, {@code --seed}, {@code --profiles}),
 * the run options ({@code --replications}, {@code --format}, {@code --no-pdf}), the job engine ({@code --engine},
 * {@code --master}) and the output directory ({@code --out}).
 */
abstract class SimulatingCommand implements Callable<Integer> {
    @Mixin
    ScenarioOptions options;

    @Mixin
    RunOptions run;

    @Mixin
    EngineOptions engine;

    @Mixin
    OutputOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
