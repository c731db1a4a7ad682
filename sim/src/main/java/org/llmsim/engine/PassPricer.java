package org.llmsim.engine;

import org.llmsim.passtime.MutableShape;
import org.llmsim.passtime.PassCostModel;

/**
 * The time of a planned pass on one replica: the cost model's forward pass, plus the KV copies to and from host
 * memory that run before it (swap preemption), plus the draft model's passes (speculative decoding), stretched by a
 * degraded GPU's slowdown. Tells the listener what preemptions and drafts cost.
 */
final class PassPricer {
    private final int replica;
    private final PassCostModel costModel;
    private final MutableShape withoutRecompute = new MutableShape();
    private final SpeculativeDecoding speculative;
    private final EngineListener listener;
    /** Mean power of the replica's GPUs over the last pass priced, watts (all GPUs together). */
    private double lastPassW;

    PassPricer(int replica, PassCostModel costModel, SpeculativeDecoding speculative, EngineListener listener) {
        this.replica = replica;
        this.costModel = costModel;
        this.speculative = speculative;
        this.listener = listener;
    }

    /**
     * Seconds the pass {@code plan} takes when it starts at {@code startS}; {@code afterIdle} when the replica was
     * idle until now (a pipeline then starts empty).
     */
    double durationS(BatchPlan plan, double startS, boolean afterIdle, SwapSpace swapSpace, PassSlowdown slowdown) {
        double durationS = plan.steps() == 1 ? costModel.timeS(plan, afterIdle)
                : costModel.multiStepTimeS(plan, plan.steps());
        // read before pricing anything else on the cost model (a recompute's counterfactual pass below)
        lastPassW = costModel.lastPassPowerW() * costModel.hardware().gpus();
        BatchPlan.PreemptionWork work = plan.preemption();
        if (!work.isNone()) {
            durationS += preemptionCostS(plan, work, durationS, swapSpace);
        }
        if (speculative.enabled()) {
            double draftS = speculative.draftTimeS(plan);
            durationS += draftS;
            listener.onSpeculativePass(replica, startS, plan.decodeTokens(), plan.acceptedTokens(), speculative.k(),
                    draftS, durationS);
        }
        if (slowdown != PassSlowdown.NONE) {
            durationS *= slowdown.factorAt(startS);
        }
        return durationS;
    }

    /**
     * Mean power of the replica's GPUs together over the last pass {@link #durationS} priced, watts; swaps, drafts
     * and a degraded GPU's slowdown stretch the pass at the same mean power.
     */
    double lastPassW() {
        return lastPassW;
    }

    /**
     * Reports what a pass spends on preemptions and returns the time to add to it: the KV copies to and from host
     * memory, which run before the pass. Recomputation is already part of the pass; its share is the pass's time
     * minus the time of the same pass without the recomputed tokens.
     */
    private double preemptionCostS(BatchPlan plan, BatchPlan.PreemptionWork work, double passS, SwapSpace swapSpace) {
        int swapBlocks = work.swapOutBlocks() + work.swapInBlocks();
        double swapS = swapSpace.transferTimeS(swapBlocks);
        double recomputeS = 0;
        if (work.recomputeTokens() > 0) {
            long r = work.recomputeTokens();
            double withoutS = costModel.timeS(withoutRecompute.set(plan.sequences(), plan.newTokens() - r,
                    plan.promptTokens() - r, plan.promptPairs() - work.recomputeAttended(),
                    plan.promptKvReadTokens() - r, plan.decodePairs(), plan.decodeKvReadTokens(),
                    plan.sampledTokens()));
            recomputeS = Math.max(0, passS - withoutS);
        }
        listener.onPreemptionCost(replica, swapS, swapSpace.bytes(swapBlocks,
                costModel.hardware().gpus() / costModel.hardware().dp()),
                recomputeS, work.recomputeTokens());
        return swapS;
    }
}
