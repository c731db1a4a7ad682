package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.LatencyHistogram;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;
import org.llmsim.scenario.AgentStageSpec;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.GuardrailStageSpec;
import org.llmsim.scenario.JudgeStageSpec;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.LlmStageSpec;
import org.llmsim.scenario.PipelineCheck;
import org.llmsim.scenario.RetrieveStageSpec;
import org.llmsim.scenario.StageSpec;
import org.llmsim.scenario.StepStageSpec;
import org.llmsim.scenario.TimeSpec;
import org.llmsim.scenario.ToolCallSpec;
import org.llmsim.scenario.ToolStageSpec;
import org.llmsim.scenario.TtsStageSpec;
import org.llmsim.workload.LengthSampler;
import org.llmsim.workload.Samplers;
import org.llmsim.workload.TimeSampler;

/**
 * The pipeline of one request class at run time: its stages with their own random streams, and the statistics of its
 * measured requests (latency per stage, end to end, against the budget). The stages run one after the other, each
 * from the end of the one before, so a completed request's stage latencies add up to its end-to-end latency; the
 * {@link PipelineRunner} runs them (the gateway makes their model calls), this class holds what they draw and what
 * they add up to.
 */
final class Pipeline {
    /** A stage at run time: its spec, its draws, and where its model calls go (null: the routed tier). */
    static final class Stage {
        final StageSpec spec;
        final String name;
        final String kind;
        final RandomGenerator rng;
        /** The tier its calls go to, or null for the tier the routing picks. */
        Tier tier;
        final TimeSampler latency;
        final TimeSampler searchLatency;
        final TimeSampler rerankLatency;
        final LengthSampler outputTokens;
        final LengthSampler steps;
        final TimeSampler toolLatency;
        final LengthSampler toolOutput;

        // statistics over measured requests, spend over the whole run
        final LatencyHistogram latencyHist = new LatencyHistogram();
        double latencySum;
        double overBudgetSum;
        long overBudgetCount;
        double usd;
        /** Prompt and output tokens of the stage's calls answered by each GPU pool (by position), over the run. */
        long[] gpuTokens = new long[0];
        final Map<String, Long> counters = new TreeMap<>();

        Stage(StageSpec spec, RandomStreams streams, String streamPrefix) {
            this.spec = spec;
            this.name = spec.label();
            this.kind = spec.kind();
            this.rng = streams.stream(streamPrefix + name);
            ToolCallSpec tool = null;
            TimeSpec lat = null;
            TimeSpec search = null;
            TimeSpec rerank = null;
            LengthSpec out = null;
            LengthSpec stepCount = null;
            if (spec instanceof StepStageSpec s) {
                lat = s.latencyS();
            } else if (spec instanceof GuardrailStageSpec g) {
                lat = g.latencyS();
            } else if (spec instanceof RetrieveStageSpec r) {
                lat = r.embed() == null ? null : r.embed().latencyS();
                search = r.search() == null ? null : r.search().latencyS();
                rerank = r.rerank() == null ? null : r.rerank().latencyS();
            } else if (spec instanceof LlmStageSpec l) {
                out = l.outputTokens();
            } else if (spec instanceof ToolStageSpec t) {
                tool = t.calls();
            } else if (spec instanceof AgentStageSpec a) {
                out = a.stepOutputTokens();
                stepCount = a.steps();
                tool = a.tool();
            } else if (spec instanceof JudgeStageSpec j) {
                out = j.outputTokens();
            } else if (spec instanceof TtsStageSpec t) {
                lat = t.firstChunkS();
            }
            this.latency = lat == null ? null : Samplers.times(lat, rng);
            this.searchLatency = search == null ? null : Samplers.times(search, rng);
            this.rerankLatency = rerank == null ? null : Samplers.times(rerank, rng);
            this.outputTokens = out == null ? null : Samplers.lengths(out, rng);
            this.steps = stepCount == null ? null : Samplers.lengths(stepCount, rng);
            this.toolLatency = tool == null ? null : Samplers.times(tool.latencyS(), rng);
            this.toolOutput = tool == null || tool.outputTokens() == null ? null
                    : Samplers.lengths(tool.outputTokens(), rng);
        }

        void count(String counter, long n) {
            counters.merge(counter, n, Long::sum);
        }

        void gpuTokens(int gpuPool, long tokens) {
            if (gpuPool >= gpuTokens.length) {
                gpuTokens = java.util.Arrays.copyOf(gpuTokens, gpuPool + 1);
            }
            gpuTokens[gpuPool] += tokens;
        }

        /** Its share of the GPU pools' cost: the fleet's dollars per token served, times the tokens it had served. */
        double gpuUsd(double[] usdPerGpuToken) {
            double usd = 0;
            for (int p = 0; p < gpuTokens.length; p++) {
                usd += gpuTokens[p] * usdPerGpuToken[p];
            }
            return usd;
        }
    }

    /** Where one user request is in its class's pipeline. */
    static final class Run {
        final Pipeline pipeline;
        final Request user;
        /** The user request's journey: its spend so far bounds agents and measures each stage's. */
        final Journey journey;
        final double[] latencyS;
        int stage = -1;
        double stageStartS;
        double stageStartUsd;
        /** Prompt tokens earlier stages added (chunks, tool results, outputs of earlier model calls). */
        long addedTokens;
        /** When the user gets the first output (text or audio); NaN while held or not yet known. */
        double firstOutS = Double.NaN;
        /** Whether the answer streams to the user as it is made (no stage since the answer holds it). */
        boolean streaming;
        boolean answered;
        int malformedLeft;
        int stepsWanted;
        int stepsDone;
        double taskStartUsd;

        Run(Pipeline pipeline, Request user, Journey journey) {
            this.pipeline = pipeline;
            this.user = user;
            this.journey = journey;
            latencyS = new double[pipeline.stages.size()];
            java.util.Arrays.fill(latencyS, Double.NaN);
        }
    }

    final String cls;
    final List<Stage> stages;
    final String[] names;
    /** The stage that gives the answer. */
    final int answerIndex;
    final Double budgetS;
    final boolean budgetOnTtft;

    private long requests;
    private long completed;
    private long withinBudget;
    private double e2eSum;
    private final LatencyHistogram e2e = new LatencyHistogram();
    private final LatencyHistogram ttft = new LatencyHistogram();

    Pipeline(ClassSpec c, RandomStreams streams) {
        this.cls = c.name();
        List<Stage> list = new ArrayList<>();
        for (StageSpec s : c.pipeline()) {
            list.add(new Stage(s, streams, "pipeline/" + c.name() + "/"));
        }
        this.stages = List.copyOf(list);
        this.names = stages.stream().map(s -> s.name).toArray(String[]::new);
        this.answerIndex = PipelineCheck.answerIndex(c.pipeline());
        this.budgetS = c.budgetS();
        this.budgetOnTtft = "ttft".equals(c.budgetMetricOrDefault());
    }

    /**
     * Records a request's outcome (measured requests only): its stages' latencies and, when completed, its end to
     * end latency, time to first output and budget.
     */
    void record(Request user, Run run, boolean completedOk) {
        requests++;
        boolean inBudget = false;
        if (completedOk) {
            completed++;
            double e = user.e2eS();
            e2e.record(e);
            e2eSum += e;
            ttft.record(user.ttftS());
            inBudget = budgetS != null && (budgetOnTtft ? user.ttftS() : e) <= budgetS;
            if (inBudget) {
                withinBudget++;
            }
        }
        for (int i = 0; i < stages.size(); i++) {
            double l = run.latencyS[i];
            if (Double.isNaN(l)) {
                continue;
            }
            Stage s = stages.get(i);
            s.latencyHist.record(l);
            if (completedOk) {
                s.latencySum += l;
                if (budgetS != null && !inBudget) {
                    s.overBudgetSum += l;
                    s.overBudgetCount++;
                }
            }
        }
    }

    /**
     * @param usdPerGpuToken each GPU pool's provisioned cost over the run divided by the tokens it served (a model
     *                       stage whose calls a GPU pool answered is charged that rate on its tokens, as the cost
     *                       ledger shares GPU time between tiers and classes)
     */
    AppResult.PipelineResult result(double[] usdPerGpuToken) {
        List<AppResult.StageResult> out = new ArrayList<>();
        for (Stage s : stages) {
            out.add(new AppResult.StageResult(s.name, s.kind, s.latencyHist.count(), s.latencyHist.summary(),
                    e2eSum > 0 ? s.latencySum / e2eSum : Double.NaN,
                    s.overBudgetCount > 0 ? s.overBudgetSum / s.overBudgetCount : Double.NaN,
                    s.usd + s.gpuUsd(usdPerGpuToken), Map.copyOf(s.counters)));
        }
        double attainment = budgetS == null || requests == 0 ? Double.NaN : (double) withinBudget / requests;
        return new AppResult.PipelineResult(cls, budgetS, budgetS == null ? null : budgetOnTtft ? "ttft" : "e2e",
                requests, completed, attainment, e2e.summary(), ttft.summary(), List.copyOf(out));
    }
}
