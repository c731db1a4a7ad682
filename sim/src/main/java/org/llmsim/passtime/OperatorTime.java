package org.llmsim.passtime;

/**
 * One operator of a pass: its name, its time and what bounds it.
 *
 * @param name    "GEMMs (QKV, output, MLP)", "attention, decodes", "all-reduce", "host", ...
 * @param seconds its time in the pass
 * @param bound   what limits it
 */
public record OperatorTime(String name, double seconds, Bound bound) {
    /** What limits an operator. */
    public enum Bound {
        /** Tensor-core math. */
        COMPUTE,
        /** HBM traffic (weights, KV cache). */
        MEMORY,
        /** GPU-to-GPU transfers. */
        COMMUNICATION,
        /** Host time: scheduling, launches, sampling. */
        HOST;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
