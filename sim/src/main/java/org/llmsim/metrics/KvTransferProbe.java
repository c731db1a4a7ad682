package org.llmsim.metrics;

/** KV handed from prefill to decode replicas. Window: the whole run. */
final class KvTransferProbe {
    private long transfers;
    private double bytes;
    private double sumS;
    private double longestS;

    void transfer(double transferBytes, double transferS) {
        transfers++;
        bytes += transferBytes;
        sumS += transferS;
        longestS = Math.max(longestS, transferS);
    }

    KvTransferResult result() {
        return new KvTransferResult(transfers, bytes, sumS, longestS);
    }
}
