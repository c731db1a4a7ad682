package org.llmsim.metrics;

/** Speculative decoding. Window: passes that started inside the window. */
final class SpeculativeProbe {
    private final RunResult.Window window;
    private long sequenceSteps;
    private long tokens;
    private long proposed;
    private double draftS;
    private double passS;

    SpeculativeProbe(RunResult.Window window) {
        this.window = window;
    }

    void pass(double startS, int decodes, int acceptedTokens, int k, double draftTimeS, double passTimeS) {
        if (!window.contains(startS)) {
            return;
        }
        sequenceSteps += decodes;
        tokens += (long) decodes * acceptedTokens;
        proposed += (long) decodes * k;
        draftS += draftTimeS;
        passS += passTimeS;
    }

    SpeculativeResult result() {
        return new SpeculativeResult(sequenceSteps, tokens, proposed, draftS, passS);
    }
}
