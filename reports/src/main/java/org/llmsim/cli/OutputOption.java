package org.llmsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.llmsim.report.OutputDirectory;
import picocli.CommandLine.Option;

/** The {@code --out} option every writing command shares, and the claim of its directory. */
final class OutputOption {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: a directory under "
            + "out/ named after the scenario, as the description says).")
    Path out;

    /** Claims {@code --out}, or {@code out/<defaultName>} made a safe name (saying so on err when it had to change). */
    OutputDirectory claim(String defaultName, PrintWriter err) {
        return OutputDirectory.claim(out != null ? out : Outputs.defaultDirectory(defaultName, err));
    }
}
