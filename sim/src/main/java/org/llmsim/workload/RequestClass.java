package org.llmsim.workload;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.request.Request;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.SessionSpec;
import org.llmsim.workload.trace.TraceRow;

/**
 * One request class at run time: builds its requests (sizes, priority, shared prefix, content) from its own random
 * streams, one per purpose, named {@code class/<name>/<purpose>} so that adding a class leaves the draws of the
 * others unchanged. The single class of a class-less workload keeps the historical names ({@code input_tokens},
 * {@code output_tokens}), so such workloads generate the same requests as before classes existed.
 */
final class RequestClass {
    final int index;
    final String name;
    final ClassSpec spec;
    private final int priority;
    private final int maxTokens;
    private final LengthSampler input;
    private final LengthSampler output;

    private final ContentPopularity popularity;
    private final KeyedRandom keyedRng;
    private final LengthSampler keyedInput;
    private final LengthSampler keyedOutput;
    private final long keyedSeed;

    private final int prefixTokens;
    private final int prefixGroups;
    private final long prefixBase;
    private final RandomGenerator prefixRng;

    private final LengthSampler turns;
    private final TimeSampler think;
    private final long maxContextTokens;

    // the lengths of the last draw
    private int drawnInput;
    private int drawnOutput;

    /**
     * @param explicit whether the workload lists classes (stream names carry the class name)
     * @param traced   whether the requests come from a trace (no length distributions)
     */
    RequestClass(int index, ClassSpec spec, boolean explicit, boolean traced, RandomStreams streams) {
        this.index = index;
        this.name = spec.name();
        this.spec = spec;
        this.priority = spec.priority();
        this.maxTokens = spec.maxTokens() != null ? spec.maxTokens() : Integer.MAX_VALUE;
        String prefix = explicit ? "class/" + name + "/" : "";
        this.input = traced ? null : Samplers.lengths(spec.inputTokens(), streams.stream(prefix + "input_tokens"));
        this.output = traced ? null : Samplers.lengths(spec.outputTokens(), streams.stream(prefix + "output_tokens"));
        if (spec.popularity() != null) {
            String catalogue = spec.popularity().catalogue() != null ? spec.popularity().catalogue() : name;
            this.popularity = new ContentPopularity(spec.popularity(), catalogue, streams.stream(prefix + "content"));
            this.keyedRng = new KeyedRandom();
            this.keyedInput = traced ? null : Samplers.lengths(spec.inputTokens(), keyedRng);
            this.keyedOutput = traced ? null : Samplers.lengths(spec.outputTokens(), keyedRng);
            // Keyed by the catalogue, not the class: classes asking the same item with the same length
            // distributions get the same prompt.
            this.keyedSeed = streams.seedFor("catalogue/" + catalogue + "/lengths");
        } else {
            this.popularity = null;
            this.keyedRng = null;
            this.keyedInput = null;
            this.keyedOutput = null;
            this.keyedSeed = 0;
        }
        if (spec.sharedPrefix() != null) {
            this.prefixTokens = spec.sharedPrefix().tokens();
            this.prefixGroups = spec.sharedPrefix().groups();
            this.prefixRng = streams.stream(prefix + "shared_prefix");
        } else {
            this.prefixTokens = 0;
            this.prefixGroups = 1;
            this.prefixRng = null;
        }
        // A class-less workload numbers its prefixes 0..groups-1; named classes keep theirs apart.
        this.prefixBase = explicit ? Ids.of("prefix:" + name) : -1;
        SessionSpec sessions = spec.sessions();
        this.turns = sessions == null ? null : Samplers.lengths(sessions.turns(), streams.stream(prefix + "turns"));
        this.think = sessions == null ? null : Samplers.times(sessions.thinkTimeS(),
                streams.stream(prefix + "think_time"));
        this.maxContextTokens = sessions != null && sessions.maxContextTokens() != null ? sessions.maxContextTokens()
                : Long.MAX_VALUE;
    }

    boolean hasSessions() {
        return turns != null;
    }

    /** A single-turn request arriving at {@code timeS}. */
    Request single(long id, double timeS) {
        boolean content = popularity != null;
        if (content) {
            popularity.draw();
        }
        drawLengths(content);
        long prefixId = pickPrefix();
        Request r = new Request(id, timeS, drawnInput, drawnOutput).inClass(index).withPriority(priority);
        if (prefixTokens > 0) {
            r.withSharedPrefix(prefixId, prefixTokens);
        }
        if (content) {
            r.withContent(popularity.key(), popularity.group());
        }
        return r;
    }

    /** The request of a trace row; the trace gives its lengths and, when it has them, its prefix and session. */
    Request fromTrace(long id, double timeS, TraceRow row) {
        Request r = new Request(id, timeS, row.inputTokens, Math.min(row.outputTokens, maxTokens)).inClass(index)
                .withPriority(priority);
        if (row.prefixKey != TraceRow.NONE) {
            if (row.prefixTokens > 0) {
                r.withSharedPrefix(row.prefixKey, row.prefixTokens);
            }
        } else if (prefixTokens > 0) {
            // The class's system prompt is the first tokens of the recorded prompt.
            r.withSharedPrefix(pickPrefix(), Math.min(prefixTokens, row.inputTokens));
        }
        if (row.sessionKey != TraceRow.NONE) {
            r.inContext(row.sessionKey);
        }
        if (popularity != null) {
            popularity.draw();
            r.withContent(popularity.key(), popularity.group());
        }
        return r;
    }

    /** A new session; its turns are drawn now, its first turn is built by {@link Session#nextTurn}. */
    Session newSession(long sessionId, ClosedLoopUser owner) {
        return new Session(this, sessionId, pickPrefix(), prefixTokens, Math.max(1, turns.sample()), owner);
    }

    /** Draws the next input and output lengths (keyed by the last content draw when {@code content}). */
    void drawLengths(boolean content) {
        if (content) {
            keyedRng.setSeed(keyedSeed ^ popularity.key());
            drawnInput = keyedInput.sample();
            drawnOutput = Math.min(keyedOutput.sample(), maxTokens);
        } else {
            drawnInput = input.sample();
            drawnOutput = Math.min(output.sample(), maxTokens);
        }
    }

    int drawnInput() {
        return drawnInput;
    }

    int drawnOutput() {
        return drawnOutput;
    }

    ContentPopularity popularity() {
        return popularity;
    }

    int priority() {
        return priority;
    }

    long maxContextTokens() {
        return maxContextTokens;
    }

    /** Think time before the next turn of a session. */
    double thinkS() {
        return think.sampleS();
    }

    private long pickPrefix() {
        if (prefixTokens == 0) {
            return -1;
        }
        int group = prefixRng.nextInt(prefixGroups);
        return prefixBase < 0 ? group : Ids.mix(prefixBase, group);
    }

    /** Tokens of the shared prefix (0 without one). */
    int prefixTokens() {
        return prefixTokens;
    }
}
