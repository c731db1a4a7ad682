package org.llmsim.engine;

import org.llmsim.request.Request;

/**
 * The content identity of one full KV block: block {@code index} of a sequence covers tokens
 * {@code [index * blockSize, (index + 1) * blockSize)}, and its KV depends on every token up to its end. llmsim does
 * not model token values; it derives the identity from the request's content description (see {@link Request}):
 *
 * <pre>
 *   tokens:   | shared prefix (prefixId, prefixTokens) | context (contextId): rest of the prompt, then outputs |
 *   block j:  |  B0  |  B1  |  B2  |  B3  |  B4  |  B5  |  B6  | ...
 *             key = (prefixId, j)          key = (prefixId, prefixTokens, contextId, j) once the block reaches
 *             while the block ends          past the shared prefix
 *             inside the shared prefix
 * </pre>
 *
 * Two requests sharing a system prompt share its full blocks; two turns of a conversation (same prefix and context)
 * share every full block up to the shorter of their contexts. vLLM hashes the token ids of each block chained with its
 * parent's hash; this key is the same identity, exact instead of hashed.
 *
 * @param prefixId     shared-prefix id, or -1
 * @param prefixTokens length of the shared prefix, or -1 for a block inside it
 * @param contextId    context id, or 0 for a block inside the shared prefix
 * @param index        block index in the sequence
 */
record BlockKey(long prefixId, int prefixTokens, long contextId, int index) {

    static BlockKey of(Request r, int index, int blockSize) {
        long end = (long) (index + 1) * blockSize;
        if (r.prefixId() >= 0 && end <= r.prefixTokens()) {
            return new BlockKey(r.prefixId(), -1, 0, index);
        }
        return new BlockKey(r.prefixId(), r.prefixTokens(), r.contextId(), index);
    }
}
