package org.llmsim.planning;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.llmsim.passtime.OperatorTime;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.Shape;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.WorkloadPlan;
import org.llmsim.workload.LengthSampler;
import org.llmsim.workload.Samplers;

/**
 * The fewest replicas of a pool that could possibly carry a scenario's traffic, from the roofline alone: a bound the
 * planner uses to skip deployments without simulating them, and to start its search on the replica count. It must
 * never exceed the true minimum, so every term is a lower bound on the work:
 *
 * <pre>
 *   per second of traffic, over all replicas:
 *     compute  C = FLOPs(2 Pact (O + P)) / achievable FLOP/s        every output and prompt token computed once
 *     passes   D = O / B * t1                                       each pass emits at most one token per sequence
 *   replicas  >= max(C, D)                                          each replica has one second per second
 * </pre>
 *
 * {@code O} and {@code P} are output and prompt tokens per second (mean lengths times rates, the means taken from
 * 20,000 draws of the scenario's distributions minus four standard errors); {@code B} the largest batch: {@code
 * max_batch_size}, or fewer when the KV cache cannot hold that many of the shortest prompts; {@code t1} the time of
 * the cheapest possible pass (one sequence, one token: the weights are read once, the host overheads are paid).
 * Prompt tokens count only for classes whose prompts no prefix cache could share (no shared prefix, sessions or
 * popularity), and KV limits {@code B} only for those. Traced classes, other pools beside the planned one (the
 * router splits traffic between them), speculative decoding (several tokens per pass), pipeline stages (several passes
 * in flight) and disaggregated pools (prefill and decode on different replicas) are beyond the bound; it then falls
 * back to one replica, so the planner simulates instead of pruning.
 *
 * @param replicas  the fewest replicas that could carry the traffic (at least 1)
 * @param computeS  {@code C}: seconds of compute per second of traffic
 * @param passesS   {@code D}: seconds of forward passes per second of traffic
 * @param maxBatch  {@code B}
 * @param exact     whether the bound applies (false: it fell back to 1 replica)
 */
public record RooflineBound(int replicas, double computeS, double passesS, int maxBatch, boolean exact) {
    private static final int DRAWS = 20_000;
    private static final double STANDARD_ERRORS = 4;
    private static final long SEED = 0x5eed_b0_0dL;

    /** No bound: one replica. */
    static final RooflineBound NONE = new RooflineBound(1, Double.NaN, Double.NaN, 0, false);

    /** The bound for the GPU pool at {@code cluster.pools[pool]} of {@code scenario} (at the scenario's traffic). */
    public static RooflineBound of(Scenario scenario, int pool) {
        if (scenario.pools().size() != 1 || scenario.pools().get(0).index() != pool) {
            return NONE;
        }
        PoolPlan p = scenario.pools().get(0);
        if (p.spec().speculative() != null || p.spec().pipelineParallel() > 1 || p.spec().disaggregated() != null
                || p.hardware().dp() > 1) {
            return NONE;
        }
        WorkloadPlan w = scenario.workload();
        double outputPerS = 0;
        double promptPerS = 0;
        int shortestPrompt = Integer.MAX_VALUE;
        boolean shared = false;
        List<ClassSpec> classes = w.classes();
        for (ClassSpec c : classes) {
            if (c.isTraced(scenario.spec().workload())) {
                return NONE;
            }
            double rate = rate(c, w, classes);
            if (!(rate >= 0)) {
                return NONE;
            }
            double output = lowerMean(c.outputTokens(), c.maxTokens());
            outputPerS += rate * output;
            boolean sharable = c.sharedPrefix() != null || c.sessions() != null || c.popularity() != null;
            shared |= sharable;
            if (!sharable) {
                promptPerS += rate * lowerMean(c.inputTokens(), null);
                Integer shortest = LengthSpec.shortest(c.inputTokens());
                shortestPrompt = Math.min(shortestPrompt, shortest == null ? 1 : shortest);
            }
        }
        PassCostModel cost = new PassCostModel(p.hardware());
        int maxBatch = p.scheduler().maxBatchSize();
        if (!shared && shortestPrompt < Integer.MAX_VALUE) {
            long blocksPerSequence = Math.max(1, (shortestPrompt + 1 + p.memory().blockSize() - 1)
                    / p.memory().blockSize());
            maxBatch = (int) Math.max(1, Math.min(maxBatch, p.memory().kvBlocks() / blocksPerSequence));
        }
        // the GEMMs of a million tokens (no attention, no host time): the least compute they can take
        double perMillion = cost.breakdown(new Shape(1, 1_000_000, 1_000_000, 0, 0, 0, 0, 0))
                .secondsBound(OperatorTime.Bound.COMPUTE);
        double computeS = perMillion * (outputPerS + promptPerS) / 1e6;
        double passesS = outputPerS / maxBatch * cost.timeS(Shape.decode(1, 0));
        double needed = Math.max(computeS, passesS);
        int replicas = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(needed - 1e-9)));
        return new RooflineBound(replicas, computeS, passesS, maxBatch, true);
    }

    /** Requests per second of a class: its share of the shared arrival, or its own arrival's mean. */
    private static double rate(ClassSpec c, WorkloadPlan w, List<ClassSpec> classes) {
        if (!c.sharesWorkloadArrival()) {
            return c.arrival().meanRateRps();
        }
        double total = w.sharedArrival().meanRateRps();
        if (c.share() != null) {
            return total * c.share();
        }
        long sharing = classes.stream().filter(ClassSpec::sharesWorkloadArrival).count();
        return total / sharing;
    }

    /** A lower confidence bound on the mean of a length distribution (capped at {@code cap} when given). */
    static double lowerMean(LengthSpec spec, Integer cap) {
        if (spec instanceof LengthSpec.Fixed f) {
            return cap == null ? f.value() : Math.min(f.value(), cap);
        }
        RandomGenerator rng = new Well19937c(SEED);
        LengthSampler sampler = Samplers.lengths(spec, rng);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double v = cap == null ? sampler.sample() : Math.min(sampler.sample(), cap);
            sum += v;
            squares += v * v;
        }
        double mean = sum / DRAWS;
        double sd = Math.sqrt(Math.max(0, squares / DRAWS - mean * mean));
        return Math.max(1, mean - STANDARD_ERRORS * sd / Math.sqrt(DRAWS));
    }
}
