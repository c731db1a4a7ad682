package org.llmsim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.RunResult;
import org.llmsim.metrics.SpeculativeResult;

/**
 * Speculative decoding in the outputs: the {@code speculative} block of {@code summary.json} and a terminal line,
 * both only when a speculative step ran inside the window.
 */
final class SpeculativeOutput {
    private SpeculativeOutput() {
    }

    /** {@code speculative: {tokens_per_step, acceptance, draft_time_share, sequence_steps}}. */
    static void json(ObjectNode root, RunResult r) {
        SpeculativeResult sp = SpeculativeResult.of(r);
        if (!sp.used()) {
            return;
        }
        ObjectNode node = root.putObject("speculative");
        Json.number(node, "tokens_per_step", sp.tokensPerStep());
        Json.number(node, "acceptance", sp.acceptance());
        Json.number(node, "draft_time_share", sp.draftTimeShare());
        node.put("sequence_steps", sp.sequenceSteps());
    }

    static void terminal(StringBuilder b, RunResult r) {
        SpeculativeResult sp = SpeculativeResult.of(r);
        if (!sp.used()) {
            return;
        }
        b.append(TerminalSummary.label("speculative")).append(Format.number(sp.tokensPerStep(), 2))
                .append(" tokens per step   ").append(Format.percent(sp.acceptance()))
                .append(" of proposals accepted   draft ").append(Format.percent(sp.draftTimeShare()))
                .append(" of pass time\n");
    }
}
