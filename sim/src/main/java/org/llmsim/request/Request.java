package org.llmsim.request;

/**
 * One inference request and the timestamps of its life, in simulated seconds.
 *
 * <p>Sizes are fixed at creation. The engine stamps {@link #markScheduled}, {@link #markFirstToken} and
 * {@link #markFinished} as the request progresses; each timestamp is set once (a preempted and re-scheduled request
 * keeps its first scheduling time and first-token time, as {@code vllm bench serve} measures them).
 */
public final class Request {
    private final long id;
    private final double arrivalS;
    private final int inputTokens;
    private final int outputTokens;

    private double scheduledS = Double.NaN;
    private double firstTokenS = Double.NaN;
    private double finishS = Double.NaN;
    private int preemptions;
    private int replica = -1;
    private String rejectReason;
    private RequestStatus status = RequestStatus.IN_FLIGHT;

    public Request(long id, double arrivalS, int inputTokens, int outputTokens) {
        if (inputTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("a request needs at least one input and one output token, got "
                    + inputTokens + " and " + outputTokens);
        }
        this.id = id;
        this.arrivalS = arrivalS;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
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

    public int preemptions() {
        return preemptions;
    }

    /** Global index of the replica that served the request, or -1. */
    public int replica() {
        return replica;
    }

    public RequestStatus status() {
        return status;
    }

    /** Why the request was rejected, or null. */
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
