package org.llmsim.request;

/**
 * One inference request and the timestamps of its life, in simulated seconds.
 *
 * <p><b>Content identity.</b> A prompt of {@code inputTokens} tokens is described, for prefix caching, as two
 * segments: the first {@code prefixTokens} tokens are a shared prefix identified by {@code prefixId} (a system
 * prompt shared by many requests; -1 and 0 tokens when there is none), and the remaining tokens belong to the
 * context {@code contextId}: the session for multi-turn conversations (turn k's prompt extends turn k-1's prompt and
 * answer, so they share the context id), or a value unique to the request otherwise. Two requests with the same
 * {@code prefixId} share their first {@code prefixTokens} tokens; two with the same prefix and context id share
 * everything up to the shorter of their prompts. {@code contentKey} and {@code paraphraseGroup} identify what is
 * asked, for response caches (-1 when unknown). {@code classIndex} is the request class (tenant) in the workload and
 * {@code priority} its scheduling priority (smaller first).
 *
 * <p>Sizes and identity are fixed at creation. The engine stamps {@link #markScheduled}, {@link #markFirstToken} and
 * {@link #markFinished} as the request progresses; each timestamp is set once (a preempted and re-scheduled request
 * keeps its first scheduling time and first-token time, as {@code vllm bench serve} measures them).
 *
 * <p><b>User requests and backend calls.</b> With an application layer (response caches, tiers, cascades, API
 * providers), what the user sent is one request and every model call made for it is another, created by
 * {@link Journey#newCall}: a <em>call</em> with the same identity (and sizes, unless a pipeline stage sets its own),
 * arriving when it is sent. Engines and providers serve calls; the metrics measure user requests, stamped from the
 * call that answered. What the layer did for a user request (tier, backend, spend, retries, stages) is its
 * {@link Journey}, not part of the request. Without an application layer the user request itself goes to a replica,
 * and it has no journey.
 */
public final class Request {
    private final long id;
    private final double arrivalS;
    private final int inputTokens;
    private final int outputTokens;

    private int classIndex;
    private int priority;
    private long prefixId = -1;
    private int prefixTokens;
    private long contextId;
    private long contentKey = -1;
    private long paraphraseGroup = -1;

    private double scheduledS = Double.NaN;
    private double firstTokenS = Double.NaN;
    private double finishS = Double.NaN;
    private int preemptions;
    private int swaps;
    private int cachedTokens;
    private int replica = -1;
    private String rejectReason;
    private String failReason;
    private int crashRetries;
    private RequestStatus status = RequestStatus.IN_FLIGHT;

    /*
     * The one link to the application layer: the journey this request belongs to, as its user request or as one of
     * its calls (null without an application layer). A field rather than a table kept by the gateway: the requests.csv
     * writer gets only the request (through the metrics' sink) yet writes the journey's columns, and the replicas'
     * listener must tell a call from a user request. The engine never reads it, and Journey is of this package, so
     * the engine stays free of application-layer types.
     */
    private Journey journey;

    public Request(long id, double arrivalS, int inputTokens, int outputTokens) {
        if (inputTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("a request needs at least one input and one output token, got "
                    + inputTokens + " and " + outputTokens);
        }
        this.id = id;
        this.arrivalS = arrivalS;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.contextId = -1 - id; // unique unless the workload assigns a session
    }

    /** Sets the request class (tenant) index; call at creation only. */
    public Request inClass(int index) {
        this.classIndex = index;
        return this;
    }

    /** Marks the first {@code tokens} prompt tokens as the shared prefix {@code id}; call at creation only. */
    public Request withSharedPrefix(long id, int tokens) {
        if (tokens < 0 || tokens > inputTokens) {
            throw new IllegalArgumentException("shared prefix of " + tokens + " tokens in a prompt of " + inputTokens);
        }
        this.prefixId = id;
        this.prefixTokens = tokens;
        return this;
    }

    /** Sets the context (session) the non-shared part of the prompt belongs to; call at creation only. */
    public Request inContext(long id) {
        this.contextId = id;
        return this;
    }

    /** Sets what the request asks, for response caches; call at creation only. */
    public Request withContent(long key, long paraphrase) {
        this.contentKey = key;
        this.paraphraseGroup = paraphrase;
        return this;
    }

    public int classIndex() {
        return classIndex;
    }

    /** Scheduling priority: a smaller number is served first (vLLM's convention); 0 by default. */
    public int priority() {
        return priority;
    }

    /** Sets the scheduling priority (smaller is served first); call at creation only. */
    public Request withPriority(int value) {
        this.priority = value;
        return this;
    }

    /** Shared-prefix identity, or -1. */
    public long prefixId() {
        return prefixId;
    }

    /** Leading prompt tokens that are the shared prefix (0 when none). */
    public int prefixTokens() {
        return prefixTokens;
    }

    /** Identity of the prompt after the shared prefix: a session id, or a value unique to this request. */
    public long contextId() {
        return contextId;
    }

    /** Response-cache content key, or -1. */
    public long contentKey() {
        return contentKey;
    }

    /** Paraphrase group for semantic caches, or -1. */
    public long paraphraseGroup() {
        return paraphraseGroup;
    }

    public long id() {
        return id;
    }

    public double arrivalS() {
        return arrivalS;
    }

    public int inputTokens() {
        return inputTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }

    /** Time the request first entered a batch, or NaN. */
    public double scheduledS() {
        return scheduledS;
    }

    /** Time the first output token was produced, or NaN. */
    public double firstTokenS() {
        return firstTokenS;
    }

    /** Time the last output token was produced, or NaN. */
    public double finishS() {
        return finishS;
    }

    /** Times the request was preempted, by recompute or swap. */
    public int preemptions() {
        return preemptions;
    }

    /** Times the request was preempted by swapping its KV to host memory (part of {@link #preemptions()}). */
    public int swaps() {
        return swaps;
    }

    /** Prompt tokens found in the prefix cache when the request was first scheduled (vLLM's num_cached_tokens). */
    public int cachedTokens() {
        return cachedTokens;
    }

    /** Global index of the replica that served the request, or -1. */
    public int replica() {
        return replica;
    }

    public RequestStatus status() {
        return status;
    }

    /** Why the request was rejected or failed, or null. */
    public String rejectReason() {
        return rejectReason;
    }

    public void assignReplica(int replicaIndex) {
        this.replica = replicaIndex;
    }

    public void markScheduled(double timeS) {
        if (Double.isNaN(scheduledS)) {
            scheduledS = timeS;
        }
    }

    public void markFirstToken(double timeS) {
        if (Double.isNaN(firstTokenS)) {
            firstTokenS = timeS;
        }
    }

    public void markPreempted() {
        preemptions++;
    }

    /** Counts a preemption (already marked) as a swap to host memory. */
    public void markSwapped() {
        swaps++;
    }

    /** Records the prompt tokens the prefix cache held at the first scheduling. */
    public void markCachedTokens(int tokens) {
        cachedTokens = tokens;
    }

    public void markFinished(double timeS) {
        finishS = timeS;
        status = RequestStatus.COMPLETED;
    }

    public void markRejected(String reason) {
        rejectReason = reason;
        status = RequestStatus.REJECTED;
    }

    public void markUnfinished() {
        status = RequestStatus.UNFINISHED;
    }

    /** The request was lost while being served, for {@code reason} (e.g. {@code replica_crash}). */
    public void markFailed(String reason) {
        failReason = reason;
        status = RequestStatus.FAILED;
    }

    /** Why the request failed, or null. */
    public String failReason() {
        return failReason;
    }

    /**
     * The replica serving the request crashed and the request is sent again from scratch: its schedule and first
     * token are forgotten (the client saw its stream break and starts over), its arrival stays, so its TTFT and
     * E2E include the time lost.
     */
    public void markRetriedAfterCrash() {
        scheduledS = Double.NaN;
        firstTokenS = Double.NaN;
        crashRetries++;
    }

    /** Times the request was sent again because its replica crashed. */
    public int crashRetries() {
        return crashRetries;
    }

    /** The application layer's journey this request is part of (as the user request or a call), or null. */
    public Journey journey() {
        return journey;
    }

    /** Links the request to its journey; {@link Journey} calls it once, when the journey starts or the call is made. */
    void attach(Journey j) {
        this.journey = j;
    }

    /**
     * Takes over what a finished call of this user request went through: its preemptions, swaps and crash retries
     * add up, the cached prompt tokens and the replica are those of the latest call ({@link Journey#absorbCall}).
     */
    void absorbServing(Request call) {
        preemptions += call.preemptions;
        swaps += call.swaps;
        crashRetries += call.crashRetries;
        cachedTokens = call.cachedTokens;
        replica = call.replica;
    }

    /** Time to first token: first token minus arrival, queueing included. */
    public double ttftS() {
        return firstTokenS - arrivalS;
    }

    /** End-to-end latency: last token minus arrival. */
    public double e2eS() {
        return finishS - arrivalS;
    }

    /** Time per output token after the first: {@code (e2e - ttft) / (output - 1)}; NaN for one-token outputs. */
    public double tpotS() {
        return outputTokens > 1 ? (finishS - firstTokenS) / (outputTokens - 1) : Double.NaN;
    }

    /** Queueing delay: first scheduled minus arrival. */
    public double queueS() {
        return scheduledS - arrivalS;
    }
}
