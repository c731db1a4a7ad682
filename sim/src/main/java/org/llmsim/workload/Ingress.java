package org.llmsim.workload;

import java.util.List;
import java.util.function.Consumer;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.RateLimitSpec;

/**
 * The front door between the workload and the cluster: per-class and workload-wide token-bucket rate limits
 * (requests and tokens per minute), and the admission timeout. A request that finds a bucket short is rejected at
 * once ({@code rate_limit_requests} or {@code rate_limit_tokens}) and takes nothing from any bucket. An admitted
 * request of a class with {@code admission_timeout_s} gets one event at arrival plus the timeout; if it has not
 * entered a batch by then, it is dropped from its replica's queue ({@code admission_timeout}).
 */
public final class Ingress {
    /** Reason of a rejection for a requests-per-minute limit. */
    public static final String RATE_LIMIT_REQUESTS = "rate_limit_requests";
    /** Reason of a rejection for a tokens-per-minute limit. */
    public static final String RATE_LIMIT_TOKENS = "rate_limit_tokens";
    /** Reason of a drop for waiting longer than the admission timeout. */
    public static final String ADMISSION_TIMEOUT = "admission_timeout";

    /** Drops a request still waiting for its first batch; returns whether it did. */
    @FunctionalInterface
    public interface Canceller {
        boolean cancelWaiting(Request request, String reason);
    }

    /** Reports a rejected request (its reason set) at a time. */
    @FunctionalInterface
    public interface Rejections {
        void rejected(Request request, double timeS);
    }

    private final EventScheduler clock;
    private final Consumer<Request> admit;
    private final Canceller canceller;
    private final Rejections rejections;
    private final Limits workloadLimits;
    private final Limits[] classLimits;
    private final double[] timeoutS;

    /**
     * @param classes       the workload's classes (resolved), indexed by {@link Request#classIndex()}
     * @param workloadLimit the limit on all traffic together, or null
     * @param admit         sends an admitted request on (the router)
     * @param canceller     drops a request still waiting on its replica
     * @param rejections    reports ingress rejections (the metrics)
     */
    public Ingress(List<ClassSpec> classes, RateLimitSpec workloadLimit, EventScheduler clock,
            Consumer<Request> admit, Canceller canceller, Rejections rejections) {
        this.clock = clock;
        this.admit = admit;
        this.canceller = canceller;
        this.rejections = rejections;
        this.workloadLimits = Limits.of(workloadLimit);
        this.classLimits = new Limits[classes.size()];
        this.timeoutS = new double[classes.size()];
        for (int i = 0; i < classes.size(); i++) {
            classLimits[i] = Limits.of(classes.get(i).rateLimit());
            Double t = classes.get(i).admissionTimeoutS();
            timeoutS[i] = t == null ? Double.NaN : t;
        }
    }

    /** Admits or rejects a request that just arrived. */
    public void accept(Request r) {
        double now = clock.now();
        Limits perClass = classLimits[r.classIndex()];
        long tokens = (long) r.inputTokens() + r.outputTokens();
        String refusal = Limits.refusal(workloadLimits, tokens, now);
        if (refusal == null) {
            refusal = Limits.refusal(perClass, tokens, now);
        }
        if (refusal != null) {
            r.markRejected(refusal);
            rejections.rejected(r, now);
            return;
        }
        Limits.take(workloadLimits, tokens);
        Limits.take(perClass, tokens);
        admit.accept(r);
        double timeout = timeoutS[r.classIndex()];
        if (!Double.isNaN(timeout) && r.status() == RequestStatus.IN_FLIGHT) {
            clock.at(r.arrivalS() + timeout, EventPriority.ARRIVAL, () -> {
                if (r.status() == RequestStatus.IN_FLIGHT && Double.isNaN(r.scheduledS())) {
                    canceller.cancelWaiting(r, ADMISSION_TIMEOUT);
                }
            });
        }
    }

    /** The buckets of one limit; either may be absent. */
    private record Limits(TokenBucket requests, TokenBucket tokens) {
        static Limits of(RateLimitSpec spec) {
            if (spec == null) {
                return null;
            }
            return new Limits(spec.requestsPerMin() == null ? null
                    : TokenBucket.perMinute(spec.requestsPerMin(), spec.requestBurst()),
                    spec.tokensPerMin() == null ? null : TokenBucket.perMinute(spec.tokensPerMin(), spec.tokenBurst()));
        }

        /** Why {@code limits} refuse a request of {@code tokens} tokens now, or null when they admit it. */
        static String refusal(Limits limits, long tokens, double nowS) {
            if (limits == null) {
                return null;
            }
            if (limits.requests != null && !limits.requests.has(1, nowS)) {
                return RATE_LIMIT_REQUESTS;
            }
            if (limits.tokens != null && !limits.tokens.has(tokens, nowS)) {
                return RATE_LIMIT_TOKENS;
            }
            return null;
        }

        static void take(Limits limits, long tokens) {
            if (limits == null) {
                return;
            }
            if (limits.requests != null) {
                limits.requests.take(1);
            }
            if (limits.tokens != null) {
                limits.tokens.take(tokens);
            }
        }
    }
}
