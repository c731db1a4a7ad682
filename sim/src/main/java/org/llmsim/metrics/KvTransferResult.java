package org.llmsim.metrics;

import java.util.List;

/**
 * KV handed from prefill to decode replicas of disaggregated pools over the whole run, as raw sums. {@link #NONE}
 * without disaggregation.
 *
 * @param transfers prompts whose KV crossed
 * @param bytes     bytes moved, all GPUs
 * @param sumS      their times from the end of the prefill to the KV's arrival (waiting for the link included), summed
 * @param longestS  the longest such time (0 without transfers)
 */
public record KvTransferResult(long transfers, double bytes, double sumS, double longestS) implements Section {
    public static final KvTransferResult NONE = new KvTransferResult(0, 0, 0, 0);
    /** Merged by summing counts, bytes and times; the longest is the longest of any domain. */
    public static final SectionType<KvTransferResult> TYPE = new SectionType<>("kv_transfer", KvTransferResult.class,
            NONE, (parts, fleet) -> merge(parts));

    /** The KV transfers of {@code r} ({@link #NONE} without disaggregation). */
    public static KvTransferResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** Mean time of a transfer (NaN without transfers). */
    public double meanS() {
        return transfers == 0 ? Double.NaN : sumS / transfers;
    }

    /** Longest time of a transfer (NaN without transfers). */
    public double maxS() {
        return transfers == 0 ? Double.NaN : longestS;
    }

    @Override
    public SectionType<KvTransferResult> type() {
        return TYPE;
    }

    static KvTransferResult merge(List<KvTransferResult> parts) {
        double longest = 0;
        for (KvTransferResult k : parts) {
            longest = Math.max(longest, k.longestS());
        }
        return new KvTransferResult(Merging.sumLong(parts, KvTransferResult::transfers),
                Merging.sum(parts, KvTransferResult::bytes), Merging.sum(parts, KvTransferResult::sumS), longest);
    }
}
