package org.llmsim.cli;

import org.llmsim.report.Style;
import picocli.CommandLine.Option;

/** Options shared by the commands that simulate: terminal format, PDF or not, replications. */
final class RunOptions {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Terminal output: ${COMPLETION-CANDIDATES} "
            + "(default: table).")
    TerminalFormat format = TerminalFormat.table;

    @Option(names = "--no-pdf", description = "Skip the PDF report (faster for scripted sweeps).")
    boolean noPdf;

    @Option(names = {"-n", "--replications"}, paramLabel = "N",
            description = "Independent runs of each scenario under seeds seed..seed+N-1 (the same seeds for every "
                    + "scenario), in parallel on the available cores (default: 1).")
    int replications = 1;

    enum TerminalFormat { table, json }

    boolean json() {
        return format == TerminalFormat.json;
    }

    /** Colours on a terminal for tables; plain text for JSON. */
    Style style() {
        return json() ? Style.PLAIN : Style.detect();
    }

    /** Whether to draw a progress line: only on an interactive terminal. */
    static boolean progress(Style style) {
        return style.isColor() || System.console() != null;
    }
}
