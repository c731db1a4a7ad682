package org.llmsim.passtime;

/**
 * A pass written out by hand: for the catalog's representative passes, validation's breakdowns and tests. The engine
 * prices its own batch plans without this.
 */
public record Shape(int sequences, long newTokens, long promptTokens, long promptPairs, long promptKvReadTokens,
        long decodePairs, long decodeKvReadTokens, long sampledTokens) implements PassShape {

    /** {@code batch} sequences decoding one token each, every one holding {@code context} KV tokens. */
    public static Shape decode(int batch, long context) {
        return new Shape(batch, batch, 0, 0, 0, batch * (context + 1), batch * (context + 1), batch);
    }

    /** One prompt chunk of {@code tokens} tokens after {@code cached} computed ones, completing the prompt. */
    public static Shape prefill(long tokens, long cached) {
        return new Shape(1, tokens, tokens, tokens * cached + tokens * (tokens + 1) / 2, cached + tokens, 0, 0, 1);
    }

    /** This pass and {@code other} in one pass (a chunk beside decodes, say). */
    public Shape plus(Shape other) {
        return new Shape(sequences + other.sequences, newTokens + other.newTokens, promptTokens + other.promptTokens,
                promptPairs + other.promptPairs, promptKvReadTokens + other.promptKvReadTokens,
                decodePairs + other.decodePairs, decodeKvReadTokens + other.decodeKvReadTokens,
                sampledTokens + other.sampledTokens);
    }
}
