package org.llmsim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.PrefixCacheResult;
import org.llmsim.metrics.RunResult;

/** The prefix cache in the outputs: the {@code prefix_cache} block of {@code summary.json} and a terminal line. */
final class PrefixCacheOutput {
    private PrefixCacheOutput() {
    }

    /** {@code prefix_cache: {hit_rate, request_hit_rate, prefill_tokens_saved}}, null rates without lookups. */
    static void json(ObjectNode root, RunResult r) {
        PrefixCacheResult pc = PrefixCacheResult.of(r);
        ObjectNode node = root.putObject("prefix_cache");
        Json.number(node, "hit_rate", pc.hitRate());
        Json.number(node, "request_hit_rate", pc.requestHitRate());
        node.put("prefill_tokens_saved", pc.prefillTokensSaved());
    }

    /** The hit rates and the prefill saved, when any pool looked prompts up. */
    static void terminal(StringBuilder b, RunResult r) {
        PrefixCacheResult pc = PrefixCacheResult.of(r);
        if (Double.isNaN(pc.hitRate())) {
            return;
        }
        b.append(TerminalSummary.label("prefix cache")).append(Format.percent(pc.hitRate())).append(" of prompt tokens")
                .append("   ").append(Format.percent(pc.requestHitRate())).append(" of requests hit")
                .append("   ").append(Format.count(pc.prefillTokensSaved())).append(" prefill tokens saved\n");
    }
}
