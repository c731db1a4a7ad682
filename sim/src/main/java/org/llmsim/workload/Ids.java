package org.llmsim.workload;

/** Stable 63-bit ids from names and numbers, for prefixes, sessions and content (not random streams). */
final class Ids {
    private Ids() {
    }

    /** A non-negative id for {@code name} (64-bit FNV-1a, mixed, sign bit cleared). */
    static long of(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    /** A non-negative id for the pair {@code (a, b)}. */
    static long mix(long a, long b) {
        return finish(a * 0x9e3779b97f4a7c15L + b);
    }

    private static long finish(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
