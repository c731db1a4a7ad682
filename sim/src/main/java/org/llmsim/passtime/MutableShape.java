package org.llmsim.passtime;

/**
 * A pass shape to fill and price again and again without allocating (the draft passes of speculative decoding, a
 * pass priced without its recomputed tokens).
 */
public final class MutableShape implements PassShape {
    private int sequences;
    private long newTokens;
    private long promptTokens;
    private long promptPairs;
    private long promptKvReadTokens;
    private long decodePairs;
    private long decodeKvReadTokens;
    private long sampledTokens;

    /** Sets every field; returns this shape. */
    public MutableShape set(int sequences, long newTokens, long promptTokens, long promptPairs, long promptKvReadTokens,
            long decodePairs, long decodeKvReadTokens, long sampledTokens) {
        this.sequences = sequences;
        this.newTokens = newTokens;
        this.promptTokens = promptTokens;
        this.promptPairs = promptPairs;
        this.promptKvReadTokens = promptKvReadTokens;
        this.decodePairs = decodePairs;
        this.decodeKvReadTokens = decodeKvReadTokens;
        this.sampledTokens = sampledTokens;
        return this;
    }

    @Override
    public int sequences() {
        return sequences;
    }

    @Override
    public long newTokens() {
        return newTokens;
    }

    @Override
    public long promptTokens() {
        return promptTokens;
    }

    @Override
    public long promptPairs() {
        return promptPairs;
    }

    @Override
    public long promptKvReadTokens() {
        return promptKvReadTokens;
    }

    @Override
    public long decodePairs() {
        return decodePairs;
    }

    @Override
    public long decodeKvReadTokens() {
        return decodeKvReadTokens;
    }

    @Override
    public long sampledTokens() {
        return sampledTokens;
    }
}
