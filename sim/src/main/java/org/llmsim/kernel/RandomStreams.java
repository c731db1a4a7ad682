package org.llmsim.kernel;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Independent random streams derived from one scenario seed. Each random source of the model (arrivals, input
 * lengths, output lengths, the router, ...) asks for its stream by a stable name, so adding a router or a pool does
 * not change the draws of the workload. The same seed and name always give the same stream.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A new generator for the named source. Two calls with the same name return identical, independent copies. */
    public RandomGenerator stream(String name) {
        return new Well19937c(seedFor(name));
    }

    /** A 64-bit seed for {@code name}: SplitMix64 over the scenario seed mixed with a 64-bit FNV-1a hash of the name. */
    public long seedFor(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return splitMix64(seed ^ splitMix64(h));
    }

    /** SplitMix64's finaliser: a 64-bit mix of {@code x} whose outputs look uniform and independent. */
    public static long splitMix64(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
