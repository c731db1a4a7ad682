package org.llmsim.scenario;

/**
 * Retrieval for RAG ({@code stage: retrieve}): embed the question, search a vector index, rerank the candidates, each
 * optional and one after the other; the {@code chunks} retrieved chunks of {@code tokens_per_chunk} tokens join the
 * prompt of every later model call (a prompt that grows past the model's context window is refused:
 * {@code context_window}).
 *
 * @param name           its name in outputs (default {@code retrieve})
 * @param embed          embedding the question: latency, price per request and per million prompt tokens
 * @param search         the vector search: latency, price per request
 * @param rerank         the reranker: latency, price per request
 * @param chunks         chunks added to the prompt
 * @param tokensPerChunk tokens per chunk
 */
public record RetrieveStageSpec(String name, Part embed, Part search, Part rerank, Integer chunks,
        Integer tokensPerChunk) implements StageSpec {

    /**
     * One step of retrieval.
     *
     * @param latencyS      how long it takes, seconds
     * @param usdPerRequest what it costs per request, USD (default 0)
     * @param usdPerMtok    embedding only: price per million prompt tokens, USD (default 0)
     */
    public record Part(TimeSpec latencyS, Double usdPerRequest, Double usdPerMtok) {
        void validate(String path, Problems p, boolean priced) {
            if (p.required(path + ".latency_s", latencyS)) {
                latencyS.validate(path + ".latency_s", p);
            }
            StageSpec.price(path + ".usd_per_request", usdPerRequest, p);
            StageSpec.price(path + ".usd_per_mtok", usdPerMtok, p);
            if (!priced && usdPerMtok != null) {
                p.add(path + ".usd_per_mtok", "applies to embed only (the prompt's tokens); price searches and "
                        + "reranks with usd_per_request");
            }
        }
    }

    @Override
    public String kind() {
        return "retrieve";
    }

    @Override
    public void validate(String path, Problems p) {
        if (embed == null && search == null && rerank == null) {
            p.add(path, "needs at least one of embed, search, rerank (each {latency_s, usd_per_request})");
        }
        if (embed != null) {
            embed.validate(path + ".embed", p, true);
        }
        if (search != null) {
            search.validate(path + ".search", p, false);
        }
        if (rerank != null) {
            rerank.validate(path + ".rerank", p, false);
        }
        if (p.required(path + ".chunks", chunks)) {
            p.atLeast(path + ".chunks", chunks, 0);
        }
        if (p.required(path + ".tokens_per_chunk", tokensPerChunk)) {
            p.atLeast(path + ".tokens_per_chunk", tokensPerChunk, 1);
        }
    }

    /** Prompt tokens the chunks add. */
    public int addedTokens() {
        return chunks * tokensPerChunk;
    }

    @Override
    public long maxAddedTokens() {
        return (long) chunks * tokensPerChunk;
    }
}
