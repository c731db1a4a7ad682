package org.llmsim.cli;

import picocli.CommandLine.Mixin;

/**
 * A simulating command that runs a scenario many times over a search ({@code sweep}, {@code capacity}, {@code plan}):
 * it adds the search options ({@code --duration}, {@code --vary}-style assignments) and prints a table or JSON only.
 */
abstract class SearchingCommand extends SimulatingCommand {
    @Mixin
    SearchOptions search;

    /** The checks every search makes before anything else: the replication count and the output format. */
    void checkOptions(String command, int replications) {
        Experiments.checkReplications(replications);
        run.requireTableOrJson(command);
    }
}
