package org.llmsim.engine;

import org.llmsim.request.Request;

/**
 * Where a prefill replica of a disaggregated pool sends a request once its prompt is computed: the KV then crosses to
 * a decode replica ({@link Replica#acceptPrefilled}), which produces the rest of the answer.
 */
@FunctionalInterface
public interface PrefillHandoff {

    /**
     * The prompt of {@code request} was computed at {@code timeS}; its KV, {@code inputTokens} tokens, is ready to be
     * sent, and the prefill replica has already released it.
     */
    void prefilled(Request request, double timeS);
}
