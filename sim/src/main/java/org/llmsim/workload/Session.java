package org.llmsim.workload;

import org.llmsim.request.Request;

/**
 * A multi-turn conversation in progress. Turn k's prompt is the shared prefix, then the conversation so far (every
 * earlier input and answer), then a new input (a draw of {@code input_tokens}, which counts a whole first prompt,
 * minus the prefix):
 *
 * <pre>
 *   turn 1: [prefix][in1]
 *   turn 2: [prefix][in1][out1][in2]
 *   turn 3: [prefix][in1][out1][in2][out2][in3]
 * </pre>
 *
 * All turns carry the session id as their context id, so each turn's prompt extends the previous turn's prompt and
 * answer, which is what a prefix cache keys on.
 */
final class Session {
    final RequestClass cls;
    final long contextId;
    final ClosedLoopUser owner;
    private final long prefixId;
    private final int prefixTokens;
    private int turnsLeft;
    private int turn;
    /** Tokens of the conversation after the prefix: earlier inputs and answers. */
    private long conversationTokens;

    Session(RequestClass cls, long contextId, long prefixId, int prefixTokens, int turns, ClosedLoopUser owner) {
        this.cls = cls;
        this.contextId = contextId;
        this.prefixId = prefixId;
        this.prefixTokens = prefixTokens;
        this.turnsLeft = turns;
        this.owner = owner;
    }

    /**
     * The next turn arriving at {@code timeS}, or null when the session is over: no turns left, or the prompt plus
     * its answer would exceed the class's {@code max_context_tokens}.
     */
    Request nextTurn(long id, double timeS) {
        if (turnsLeft == 0) {
            return null;
        }
        boolean content = turn == 0 && cls.popularity() != null;
        if (content) {
            cls.popularity().draw();
        }
        cls.drawLengths(content);
        // Each draw of input_tokens is a whole first prompt, prefix included; what a turn adds is the rest.
        int newInput = Math.max(1, cls.drawnInput() - prefixTokens);
        long prompt = prefixTokens + conversationTokens + newInput;
        if (prompt + cls.drawnOutput() > cls.maxContextTokens() || prompt > Integer.MAX_VALUE) {
            turnsLeft = 0;
            return null;
        }
        turnsLeft--;
        turn++;
        conversationTokens += newInput;
        Request r = new Request(id, timeS, (int) prompt, cls.drawnOutput()).inClass(cls.index)
                .withPriority(cls.priority()).inContext(contextId);
        if (prefixTokens > 0) {
            r.withSharedPrefix(prefixId, prefixTokens);
        }
        if (content) {
            r.withContent(cls.popularity().key(), cls.popularity().group());
        }
        return r;
    }

    /** The last turn was answered with {@code outputTokens} tokens, which join the conversation. */
    void answered(int outputTokens) {
        conversationTokens += outputTokens;
    }

    boolean hasMoreTurns() {
        return turnsLeft > 0;
    }

    /** Turns sent so far. */
    int turns() {
        return turn;
    }
}
