package org.llmsim.engine;

import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The sequences in the decode phase of one replica, each producing one token per iteration, kept as aggregates so that
 * an iteration costs O(1) whatever the batch size.
 *
 * <p>Bookkeeping: {@code step} counts iterations. A sequence that joined at step {@code j} holding {@code k} KV tokens
 * holds {@code k + (s - j)} at step {@code s}. Hence:
 * <pre>
 *   attended tokens of the next step = sum(k_i - j_i) + n (s + 1)        (kept as one running sum)
 *   new KV block needed by sequence i  when (k_i - j_i + s) mod B == 0  (count of sequences per phase mod B)
 *   sequence i finishes at step          j_i + (output_i - generated_i at join)   (a heap on that step)
 * </pre>
 * Sequences are also linked in the order they joined, newest first, for preemption; under priority order they are
 * also kept sorted by priority (O(log n) per join and leave), so the lowest-priority one can be preempted.
 *
 * <p>With speculative decoding a pass emits {@code g} tokens per sequence ({@link #advance(int)}): the step counter
 * counts tokens, not passes, and every sequence of the batch moves {@code g} tokens at once, so the bookkeeping above
 * holds unchanged; the blocks a pass needs are the counts of {@code g} phases ({@link #blocksNeededOverNext}). A
 * sequence whose output ends inside the pass finishes there (its last pass emits fewer tokens).
 */
final class DecodeSet {
    private final int blockSize;
    private final int[] sequencesPerPhase;
    private final PriorityQueue<Sequence> byFinishStep = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.finishStep, b.finishStep);
        return c != 0 ? c : Long.compare(a.order, b.order);
    });
    /** Sorted by {@link WaitingQueue#PRIORITY_ORDER}, only under priority order (null otherwise). */
    private final TreeSet<Sequence> byPriority;
    private long step;
    private int size;
    private int measuredSize;
    private long sumKvOffset;
    private Sequence newest;
    private Sequence oldest;

    DecodeSet(int blockSize) {
        this(blockSize, false);
    }

    DecodeSet(int blockSize, boolean trackPriority) {
        this.blockSize = blockSize;
        this.sequencesPerPhase = new int[blockSize];
        this.byPriority = trackPriority ? new TreeSet<>(WaitingQueue.PRIORITY_ORDER) : null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long step() {
        return step;
    }

    /** Sequences whose tokens are measured (see {@link Sequence#measured}). */
    int measuredSize() {
        return measuredSize;
    }

    /**
     * Adds a sequence whose {@code numComputedTokens} and {@code generated} are current; it must have output left.
     * From the next {@link #advance} on it produces one token per step.
     */
    void add(Sequence s) {
        s.decoding = true;
        s.joinStep = step;
        s.kvAtJoin = s.numComputedTokens;
        s.generatedAtJoin = s.generated;
        s.finishStep = step + s.remainingOutput();
        long offset = s.kvAtJoin - step;
        sumKvOffset += offset;
        sequencesPerPhase[Math.floorMod(offset, blockSize)]++;
        byFinishStep.add(s);
        s.older = newest;
        s.newer = null;
        if (newest != null) {
            newest.newer = s;
        } else {
            oldest = s;
        }
        newest = s;
        size++;
        if (s.measured) {
            measuredSize++;
        }
        if (byPriority != null) {
            byPriority.add(s);
        }
    }

    /** Removes a sequence, writing its current {@code numComputedTokens} and {@code generated} back into it. */
    void remove(Sequence s) {
        if (!s.decoding) {
            throw new IllegalStateException("sequence " + s.request.id() + " is not decoding");
        }
        s.numComputedTokens = kvTokensOf(s);
        s.generated = s.generatedAtJoin + (int) (step - s.joinStep);
        long offset = s.kvAtJoin - s.joinStep;
        sumKvOffset -= offset;
        sequencesPerPhase[Math.floorMod(offset, blockSize)]--;
        if (byFinishStep.peek() == s) {
            byFinishStep.poll();
        } else {
            byFinishStep.remove(s);
        }
        if (s.newer != null) {
            s.newer.older = s.older;
        } else {
            newest = s.older;
        }
        if (s.older != null) {
            s.older.newer = s.newer;
        } else {
            oldest = s.newer;
        }
        s.newer = null;
        s.older = null;
        s.decoding = false;
        size--;
        if (s.measured) {
            measuredSize--;
        }
        if (byPriority != null) {
            byPriority.remove(s);
        }
    }

    /** KV tokens a decoding sequence holds now. */
    long kvTokensOf(Sequence s) {
        return s.kvAtJoin + (step - s.joinStep);
    }

    /** Number of sequences that fill their last KV block and need a new one in the next step. */
    int blocksNeededNextStep() {
        return sequencesPerPhase[Math.floorMod(-step, blockSize)];
    }

    /**
     * KV blocks the sequences need to add {@code tokens} tokens each: for every token position, the sequences whose KV
     * fills a block exactly before it. O(tokens).
     */
    int blocksNeededOverNext(int tokens) {
        if (tokens == 1) {
            return blocksNeededNextStep();
        }
        int blocks = 0;
        for (int t = 0; t < tokens; t++) {
            blocks += sequencesPerPhase[Math.floorMod(-(step + t), blockSize)];
        }
        return blocks;
    }

    /** Whether {@code s} needs a new KV block in the next step. */
    boolean needsBlockNextStep(Sequence s) {
        return Math.floorMod(s.kvAtJoin - s.joinStep + step, blockSize) == 0;
    }

    /** KV blocks {@code s} needs to add {@code tokens} tokens. */
    int blocksNeededBy(Sequence s, int tokens) {
        long kvTokens = kvTokensOf(s);
        return (int) ((kvTokens + tokens + blockSize - 1) / blockSize - (kvTokens + blockSize - 1) / blockSize);
    }

    /** Sum over sequences of the context each attends to in the next step (its KV plus the token it adds). */
    long nextStepAttendedTokens() {
        return sumKvOffset + (long) size * (step + 1);
    }

    /** KV tokens all sequences hold now. */
    long kvTokens() {
        return sumKvOffset + (long) size * step;
    }

    /** The most recently added sequence (the preemption victim), or null. */
    Sequence newest() {
        return newest;
    }

    /** The sequence served last under priority order (largest priority value, latest arrival), or null. */
    Sequence lowestPriority() {
        if (byPriority == null) {
            throw new IllegalStateException("priorities are not tracked");
        }
        return byPriority.isEmpty() ? null : byPriority.last();
    }

    /** The first-added sequence, or null. */
    Sequence oldest() {
        return oldest;
    }

    /** Every sequence produced one token: moves the step counter. */
    void advance() {
        step++;
    }

    /** Every sequence produced {@code tokens} tokens (speculative decoding), or its last ones. */
    void advance(int tokens) {
        step += tokens;
    }

    /**
     * Removes and returns one sequence that has produced all its output by the current step, or null. Its
     * {@code numComputedTokens} counts every token position the pass gave it blocks for (a sequence that finishes
     * inside a multi-token pass holds blocks up to the end of the pass), so that freeing it returns them all.
     */
    Sequence pollFinished() {
        Sequence first = byFinishStep.peek();
        if (first == null || first.finishStep > step) {
            return null;
        }
        remove(first);
        first.generated = Math.min(first.generated, first.request.outputTokens());
        return first;
    }
}
