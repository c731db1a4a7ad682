package org.llmsim.workload;

import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * A random generator that is cheap to reseed (SplitMix64, one long of state), for draws that must be a fixed
 * function of a key: the lengths of a prompt identified by its content key are drawn after
 * {@code setSeed(base ^ key)}, so every request asking the same thing gets the same lengths. Not for long streams;
 * those use {@link org.llmsim.kernel.RandomStreams}.
 */
final class KeyedRandom extends AbstractRandomGenerator {
    private long state;

    @Override
    public void setSeed(long seed) {
        state = seed;
        clear(); // drop a cached Gaussian deviate of the previous key
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
