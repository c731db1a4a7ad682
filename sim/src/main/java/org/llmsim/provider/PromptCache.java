package org.llmsim.provider;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.llmsim.request.Request;

/**
 * A provider's prompt cache as its client sees it, driven by the same prompt identities as the GPU prefix cache:
 * the shared prefix ({@link Request#prefixId()}, its first {@link Request#prefixTokens()} tokens) and the
 * conversation ({@link Request#contextId()} of a session, whose every turn extends the prompt of the turn before).
 *
 * <p>The client marks cache breakpoints the way the providers' guides advise: after the shared prefix, and for a
 * conversation at the end of each prompt, so the next turn reads the whole conversation so far. A segment shorter
 * than {@code min_cacheable_tokens} is never cached.
 *
 * <pre>
 *   prompt of turn k:  [ prefix | turn 1 ... turn k-1 | new input ]
 *                        read from the cache: the longest live entry   written: the rest, up to the breakpoint
 * </pre>
 *
 * An entry can be read from when the provider has processed the prompt that wrote it (its first token; until then a
 * concurrent call writes again, as with the real APIs) and lives {@code cache_ttl_s} after its last use: a read
 * refreshes it at no charge. Expired entries are dropped lazily, oldest use first.
 */
public final class PromptCache {
    private final double ttlS;
    private final int minTokens;
    private final Map<Long, Entry> prefixes = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Entry> contexts = new LinkedHashMap<>(16, 0.75f, true);

    /** A cached segment: its length in tokens, and when it can be read and until when. */
    private static final class Entry {
        int tokens;
        double availableAtS;
        double expiresAtS;

        boolean liveAt(double t) {
            return t >= availableAtS && t < expiresAtS;
        }
    }

    /**
     * @param ttlS      lifetime of an entry after its last use, seconds
     * @param minTokens shortest segment the provider caches
     */
    public PromptCache(double ttlS, int minTokens) {
        this.ttlS = ttlS;
        this.minTokens = minTokens;
    }

    /** Prompt tokens of {@code call} that live entries hold at {@code nowS} (a query: nothing changes). */
    public int cachedTokens(Request call, double nowS) {
        int cached = 0;
        if (call.contextId() >= 0) {
            Entry context = contexts.get(call.contextId());
            if (context != null && context.liveAt(nowS)) {
                cached = Math.min(context.tokens, call.inputTokens());
            }
        }
        if (call.prefixId() >= 0 && call.prefixTokens() > 0) {
            Entry prefix = prefixes.get(call.prefixId());
            if (prefix != null && prefix.liveAt(nowS)) {
                cached = Math.max(cached, call.prefixTokens());
            }
        }
        return cached;
    }

    /**
     * How the prompt of {@code call}, sent at {@code nowS}, is billed: tokens read from live entries (which a read
     * refreshes), tokens written at a breakpoint, the rest uncached. Records the entries it writes, readable from
     * {@code availableAtS} (when the provider has processed the prompt) and alive {@code cache_ttl_s} after that.
     */
    public CallTokens bill(Request call, double nowS, double availableAtS, boolean batch) {
        int input = call.inputTokens();
        boolean session = call.contextId() >= 0;
        boolean hasPrefix = call.prefixId() >= 0 && call.prefixTokens() > 0;
        int cached = 0;
        Entry context = session ? contexts.get(call.contextId()) : null;
        if (context != null && context.liveAt(nowS)) {
            cached = Math.min(context.tokens, input);
            context.expiresAtS = Math.max(context.expiresAtS, nowS + ttlS);
        }
        Entry prefix = hasPrefix ? prefixes.get(call.prefixId()) : null;
        boolean prefixLive = prefix != null && prefix.liveAt(nowS);
        if (prefixLive) {
            prefix.expiresAtS = Math.max(prefix.expiresAtS, nowS + ttlS);
            cached = Math.max(cached, call.prefixTokens());
        }
        int written = 0;
        double expiresAtS = availableAtS + ttlS;
        if (session && input >= minTokens && input > cached) {
            written = input - cached;
            put(contexts, call.contextId(), input, availableAtS, expiresAtS, nowS);
        }
        if (hasPrefix && !prefixLive && call.prefixTokens() >= minTokens && cached < call.prefixTokens()) {
            // Written by this call: a conversation's write covers its prefix, otherwise the prefix is the breakpoint.
            written = Math.max(written, call.prefixTokens() - cached);
            put(prefixes, call.prefixId(), call.prefixTokens(), availableAtS, expiresAtS, nowS);
        }
        return new CallTokens(input - cached - written, cached, written, call.outputTokens(), batch);
    }

    private void put(Map<Long, Entry> entries, long key, int tokens, double availableAtS, double expiresAtS,
            double nowS) {
        Entry e = entries.get(key);
        if (e == null || e.expiresAtS <= nowS) {
            e = new Entry();
            e.availableAtS = availableAtS;
            entries.put(key, e);
        } else {
            e.availableAtS = Math.min(e.availableAtS, availableAtS); // pending or live: the earlier write wins
        }
        e.tokens = Math.max(e.tokens, tokens);
        e.expiresAtS = Math.max(e.expiresAtS, expiresAtS);
        dropExpired(entries, nowS);
    }

    /** Entries in order of last use: drop from the oldest while they have expired (amortised O(1)). */
    private static void dropExpired(Map<Long, Entry> entries, double nowS) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.expiresAtS > nowS || e.availableAtS > nowS) {
                return;
            }
            it.remove();
        }
    }

    /** Live or pending entries held (for tests). */
    public int size() {
        return prefixes.size() + contexts.size();
    }
}
