package org.llmsim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.KvTransferResult;
import org.llmsim.metrics.RunResult;

/**
 * KV transfers of disaggregated pools in the outputs: the {@code kv_transfer} block of {@code summary.json} and a
 * terminal line, both only when some prompt's KV crossed.
 */
final class KvTransferOutput {
    private KvTransferOutput() {
    }

    /** {@code kv_transfer: {transfers, bytes, time_mean_s, time_max_s}}. */
    static void json(ObjectNode root, RunResult r) {
        KvTransferResult kt = KvTransferResult.of(r);
        if (kt.transfers() == 0) {
            return;
        }
        ObjectNode node = root.putObject("kv_transfer");
        node.put("transfers", kt.transfers());
        Json.number(node, "bytes", kt.bytes());
        Json.number(node, "time_mean_s", kt.meanS());
        Json.number(node, "time_max_s", kt.maxS());
    }

    static void terminal(StringBuilder b, RunResult r) {
        KvTransferResult kt = KvTransferResult.of(r);
        if (kt.transfers() == 0) {
            return;
        }
        b.append(TerminalSummary.label("KV transfer")).append(Format.count(kt.transfers())).append(" prompts   mean ")
                .append(Format.ms(kt.meanS())).append(" ms   max ").append(Format.ms(kt.maxS()))
                .append(" ms   ").append(Format.number(kt.bytes() / 1e9, 1)).append(" GB moved\n");
    }
}
