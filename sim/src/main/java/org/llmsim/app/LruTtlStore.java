package org.llmsim.app;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The storage of a response cache: keys with one value each, at most {@code capacity} of them (the least recently
 * used goes first), each expiring {@code ttl} after it was stored (a hit does not extend it). Lookups, stores and
 * evictions are O(1); expired entries are dropped when found.
 */
final class LruTtlStore {
    /** Returned by {@link #get} for a key that is not held. */
    static final long ABSENT = Long.MIN_VALUE;

    private final long capacity;
    private final double ttlS;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);

    private static final class Entry {
        final long value;
        final double expiresAtS;

        Entry(long value, double expiresAtS) {
            this.value = value;
            this.expiresAtS = expiresAtS;
        }
    }

    /**
     * @param capacity entries held at most ({@code Long.MAX_VALUE}: unbounded)
     * @param ttlS     lifetime of an entry, seconds ({@code +Infinity}: never expires)
     */
    LruTtlStore(long capacity, double ttlS) {
        this.capacity = capacity;
        this.ttlS = ttlS;
    }

    /** The value stored under {@code key} and still alive at {@code nowS} (a use: it becomes most recent). */
    long get(long key, double nowS) {
        Entry e = entries.get(key);
        if (e == null) {
            return ABSENT;
        }
        if (e.expiresAtS <= nowS) {
            entries.remove(key);
            return ABSENT;
        }
        return e.value;
    }

    /** Stores {@code value} under {@code key} at {@code nowS}, evicting the least recently used if full. */
    void put(long key, long value, double nowS) {
        entries.put(key, new Entry(value, nowS + ttlS));
        if (entries.size() > capacity) {
            Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** Whether anything alive is held (an empty cache cannot return a wrong answer). */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    long size() {
        return entries.size();
    }
}
