package org.llmsim.metrics;

import java.util.List;

/**
 * Speculative decoding over the passes that started inside the window, as raw sums; the ratios derive from them, so a
 * fleet's ratios are those of its summed sums. {@link #NONE} without speculative pools.
 *
 * @param sequenceSteps verification steps summed over sequences (a pass of n decoding sequences counts n)
 * @param tokens        tokens emitted, summed over sequences (accepted proposals plus one per step, before an
 *                      answer's end cuts its last step)
 * @param proposed      tokens proposed by the draft, summed over sequences
 * @param draftS        time of the draft passes
 * @param passS         time of the speculative passes, draft included
 */
public record SpeculativeResult(long sequenceSteps, long tokens, long proposed, double draftS, double passS)
        implements Section {
    public static final SpeculativeResult NONE = new SpeculativeResult(0, 0, 0, 0, 0);
    /** Merged by summing the sums. */
    public static final SectionType<SpeculativeResult> TYPE = new SectionType<>("speculative",
            SpeculativeResult.class, NONE, (parts, fleet) -> merge(parts));

    /** The speculative decoding figures of {@code r} ({@link #NONE} without speculative passes). */
    public static SpeculativeResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** Whether any speculative step ran inside the window. */
    public boolean used() {
        return sequenceSteps > 0;
    }

    /**
     * Tokens emitted per sequence per verification step (accepted proposals plus one; the formula's
     * {@code (1 - a^(k+1)) / (1 - a)}), NaN without steps.
     */
    public double tokensPerStep() {
        return CostCalculator.ratio(tokens, sequenceSteps);
    }

    /** Accepted proposals over proposed ones (vLLM's draft acceptance rate). */
    public double acceptance() {
        return CostCalculator.ratio(tokens - sequenceSteps, proposed);
    }

    /** Share of the speculative passes' time spent in the draft model. */
    public double draftTimeShare() {
        return CostCalculator.ratio(draftS, passS);
    }

    @Override
    public SectionType<SpeculativeResult> type() {
        return TYPE;
    }

    static SpeculativeResult merge(List<SpeculativeResult> parts) {
        return new SpeculativeResult(Merging.sumLong(parts, SpeculativeResult::sequenceSteps),
                Merging.sumLong(parts, SpeculativeResult::tokens), Merging.sumLong(parts, SpeculativeResult::proposed),
                Merging.sum(parts, SpeculativeResult::draftS), Merging.sum(parts, SpeculativeResult::passS));
    }
}
