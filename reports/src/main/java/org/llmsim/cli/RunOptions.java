package org.llmsim.cli;

import org.llmsim.report.Style;
import org.llmsim.scenario.InputException;
import picocli.CommandLine.Option;

/** Options shared by the commands that simulate: terminal format, PDF or not, replications. */
final class RunOptions {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Terminal output: ${COMPLETION-CANDIDATES} "
            + "(default: table; json prints summary.json; vllm, for run only, the result JSON of vllm bench serve).")
    TerminalFormat format = TerminalFormat.table;

    @Option(names = "--no-pdf", description = "Skip the PDF report (faster for scripted sweeps).")
    boolean noPdf;

    @Option(names = {"-n", "--replications"}, paramLabel = "N",
            description = "Independent runs of each scenario under seeds seed..seed+N-1 (the same seeds for every "
                    + "scenario), in parallel on the available cores (default: 1).")
    int replications = 1;

    enum TerminalFormat { table, json, vllm }

    boolean json() {
        return format == TerminalFormat.json;
    }

    /** The result in the JSON of {@code vllm bench serve} (single runs only). */
    boolean vllm() {
        return format == TerminalFormat.vllm;
    }

    /** Rejects {@code --format vllm} for a command that prints only tables or JSON. */
    void requireTableOrJson(String command) {
        if (vllm()) {
            throw new InputException("llmsim " + command, "--format vllm applies to llmsim run only; use table or "
                    + "json");
        }
    }

    /** Colours on a terminal for tables; plain text for JSON. */
    Style style() {
        return format == TerminalFormat.table ? Style.detect() : Style.PLAIN;
    }

    /** Whether to draw a progress line: only on an interactive terminal. */
    static boolean progress(Style style) {
        return style.isColor() || System.console() != null;
    }
}
