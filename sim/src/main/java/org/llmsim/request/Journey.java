package org.llmsim.request;

/**
 * What the application layer did for one user request: the tier and backend it was last sent to (or the response
 * cache that answered it), the model calls made for it, what it cost per use, its retries and fallbacks, and the
 * latency of each stage of its pipeline. The {@link Request} keeps what the engine stamps; this keeps the rest, and
 * links the request's backend calls to it ({@link #newCall}).
 *
 * <p>A journey starts when the gateway admits the user request ({@link #start}) and is attached to it and to each
 * of its calls, so the requests.csv writer finds it from the request alone and the replicas' listener tells a call
 * from a user request ({@link #isCall}).
 */
public final class Journey {
    private final Request user;
    private String tier;
    private String backend;
    private String cacheHit;
    private int calls;
    private double costUsd;
    private int retries;
    private int fallbacks;
    // pipelines: the stages' names (shared by the requests of a class) and each stage's latency, seconds
    private String[] stageNames;
    private double[] stageLatencyS;

    private Journey(Request user) {
        this.user = user;
    }

    /** Starts the journey of the user request {@code user} and attaches it to the request. */
    public static Journey start(Request user) {
        Journey j = new Journey(user);
        user.attach(j);
        return j;
    }

    /** The user request this journey is for. */
    public Request user() {
        return user;
    }

    /** Whether {@code request} is a backend call made for a user request (false for a user request itself). */
    public static boolean isCall(Request request) {
        return userOf(request) != request;
    }

    /** The user request behind {@code request}: the one a call serves, else the request itself. */
    public static Request userOf(Request request) {
        Journey j = request.journey();
        return j == null ? request : j.user;
    }

    /**
     * A backend call made at {@code nowS} for the user request with its own sizes: a pipeline's call carries what
     * earlier stages added to the prompt and may generate something else than the answer. Same id, class, priority
     * and prompt identity as the user request otherwise, so prompt caches see the conversation.
     */
    public Request newCall(double nowS, int inputTokens, int outputTokens) {
        Request call = new Request(user.id(), nowS, inputTokens, outputTokens).inClass(user.classIndex())
                .withPriority(user.priority()).inContext(user.contextId()).withContent(user.contentKey(),
                        user.paraphraseGroup());
        if (user.prefixId() >= 0 || user.prefixTokens() > 0) {
            call.withSharedPrefix(user.prefixId(), Math.min(user.prefixTokens(), inputTokens));
        }
        call.attach(this);
        return call;
    }

    /**
     * Takes over, onto the user request, what a finished call went through: its preemptions, swaps and crash retries
     * add up, the cached prompt tokens and the replica are those of the latest call.
     */
    public void absorbCall(Request call) {
        user.absorbServing(call);
    }

    /** Tier the user request was last sent to (the one that answered, once complete), or null. */
    public String tier() {
        return tier;
    }

    /** Backend (pool) the user request was last sent to, or the response cache that answered it; null if none. */
    public String backend() {
        return backend;
    }

    /** Name of the response cache that answered the user request, or null. */
    public String cacheHit() {
        return cacheHit;
    }

    /** Backend calls made for the user request. */
    public int calls() {
        return calls;
    }

    /** What the user request cost per use: API tokens, classifier and embeddings (not provisioned GPU time), USD. */
    public double costUsd() {
        return costUsd;
    }

    /** Retries of its model calls on the same pool (after a 429, a timeout or a server error). */
    public int retries() {
        return retries;
    }

    /** Times one of its model calls moved on to a pool's fallback. */
    public int fallbacks() {
        return fallbacks;
    }

    /** Names of the pipeline stages whose latencies {@link #stageLatencyS()} holds, or null without a pipeline. */
    public String[] stageNames() {
        return stageNames;
    }

    /** The latency of each pipeline stage, seconds (NaN for a stage not reached), or null without a pipeline. */
    public double[] stageLatencyS() {
        return stageLatencyS;
    }

    /** Notes that a call for the user request goes to {@code tierName} on {@code backendName}. */
    public void markSent(String tierName, String backendName) {
        tier = tierName;
        backend = backendName;
        calls++;
    }

    /** Notes that the call answering the user request ran at {@code tierName} on {@code backendName}. */
    public void markAnswered(String tierName, String backendName) {
        tier = tierName;
        backend = backendName;
    }

    /** Notes that the response cache {@code name} answered the user request. */
    public void markCacheHit(String name) {
        cacheHit = name;
        backend = name;
    }

    /** Counts a retry of one of its model calls. */
    public void markRetry() {
        retries++;
    }

    /** Counts a move of one of its model calls to a fallback pool. */
    public void markFallback() {
        fallbacks++;
    }

    /**
     * Records the latency of each stage of the request's pipeline; {@code names} is shared by the requests of a
     * class and {@code latencyS} is this request's own (seconds, same order).
     */
    public void markStages(String[] names, double[] latencyS) {
        stageNames = names;
        stageLatencyS = latencyS;
    }

    /** Adds spend attributed to the user request, USD. */
    public void addCost(double usd) {
        costUsd += usd;
    }
}
