package org.llmsim.passtime;

/**
 * What one forward pass of a replica computes, as the cost model prices it. The engine's batch plan implements it,
 * so pricing a pass copies nothing.
 *
 * <pre>
 *   prompt chunk of c tokens after p cached ones:  c tokens, c p + c (c + 1) / 2 attention pairs, reads p + c KV tokens
 *   decode of a sequence holding x KV tokens:       1 token,  x + 1 pairs,                         reads x + 1
 *   verification of k draft tokens (speculative):   k + 1 tokens, (k + 1) x + (k + 1)(k + 2) / 2,   reads x + k + 1
 * </pre>
 * Every new token's KV is written once. The LM head runs for the sampled tokens only: the last token of each prompt
 * completed in the pass and every decode or verified token.
 */
public interface PassShape {
    /** Sequences in the pass (host time per sequence). */
    int sequences();

    /** Tokens computed: prompt-chunk tokens plus decode (or verified) tokens; the GEMMs' {@code M}. */
    long newTokens();

    /** Prompt-chunk tokens computed in the pass. */
    long promptTokens();

    /** Causal attention pairs of the prompt-chunk tokens (each sees every earlier token of its sequence). */
    long promptPairs();

    /** KV tokens the prompt chunks' attention reads (cached prefix plus the chunk). */
    long promptKvReadTokens();

    /** Attention pairs of the decode (or verified) tokens. */
    long decodePairs();

    /** KV tokens the decodes' attention reads. */
    long decodeKvReadTokens();

    /** Tokens whose logits the LM head computes. */
    long sampledTokens();

    /** Decode (or verified) tokens: {@code newTokens() - promptTokens()}. */
    default long decodeNewTokens() {
        return newTokens() - promptTokens();
    }
}
