package org.llmsim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.PreemptionResult;
import org.llmsim.metrics.RunResult;

/**
 * Preemptions in the outputs: {@code preemptions} and the {@code preemption} block of {@code summary.json}, and their
 * count at the end of the terminal's utilization line.
 */
final class PreemptionOutput {
    private PreemptionOutput() {
    }

    /**
     * {@code preemptions} (of either mode) and {@code preemption: {recompute, swap, swap_space_full, swapped_bytes,
     * swap_time_s, recompute_tokens, recompute_time_s}}.
     */
    static void json(ObjectNode root, RunResult r) {
        PreemptionResult p = PreemptionResult.of(r);
        root.put("preemptions", p.total());
        ObjectNode node = root.putObject("preemption");
        node.put("recompute", p.recompute());
        node.put("swap", p.swap());
        node.put("swap_space_full", p.swapSpaceFull());
        Json.number(node, "swapped_bytes", p.swappedBytes());
        Json.number(node, "swap_time_s", p.swapS());
        node.put("recompute_tokens", p.recomputeTokens());
        Json.number(node, "recompute_time_s", p.recomputeS());
    }

    /** "   preemptions N", and how many were swaps when there were any. */
    static void terminal(StringBuilder b, RunResult r) {
        PreemptionResult p = PreemptionResult.of(r);
        b.append("   preemptions ").append(Format.count(p.total()));
        if (p.swap() > 0) {
            b.append(" (").append(Format.count(p.swap())).append(" by swap)");
        }
    }
}
