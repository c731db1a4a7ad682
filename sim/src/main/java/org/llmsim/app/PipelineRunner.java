package org.llmsim.app;

import org.llmsim.request.Request;
import org.llmsim.scenario.AgentStageSpec;
import org.llmsim.scenario.GuardrailStageSpec;
import org.llmsim.scenario.JudgeStageSpec;
import org.llmsim.scenario.LlmStageSpec;
import org.llmsim.scenario.RetrieveStageSpec;
import org.llmsim.scenario.StepStageSpec;
import org.llmsim.scenario.ToolCallSpec;
import org.llmsim.scenario.ToolStageSpec;
import org.llmsim.scenario.TtsStageSpec;

/**
 * Runs user requests through their class's {@link Pipeline}, one stage after the other:
 *
 * <pre>
 *   stage i starts --its latency (one event), or its model calls through the host--> stage i ends --> stage i+1
 *   model stages:  llm (malformed answers called again), agent (steps with tools between, step and spend caps),
 *                  judge (a sampled share, holds the answer while it grades it)
 *   after the answer: a step, guardrail or judge holds the answer until it ends; tts streams right behind it
 * </pre>
 *
 * The user's first output is the answer's first token (plus the first audio chunk with text to speech) while the
 * answer streams; a stage that holds it moves it to its own end. Dollars of stages without a model are booked by
 * stage through the host; model calls are billed as any call, and each stage's spend is what its request's bill
 * grew by while it ran. The runner knows the layer only as its {@link StageHost}: model calls, prices and the
 * request's end go there; the answers come back through {@link #callAnswered}.
 */
final class PipelineRunner {
    /** Reject reason of a request the guardrail refused. */
    static final String GUARDRAIL = "guardrail";
    /** Failure reason of a request whose model kept giving unparseable answers. */
    static final String MALFORMED = "malformed_output";

    private final LayerClock clock;
    private final StageHost host;

    PipelineRunner(LayerClock clock, StageHost host) {
        this.clock = clock;
        this.host = host;
    }

    /** Starts the pipeline of a user request the ingress admitted. */
    void start(Pipeline.Run run) {
        runStage(run, 0);
    }

    private void runStage(Pipeline.Run run, int i) {
        Pipeline p = run.pipeline;
        if (i >= p.stages.size()) {
            host.finish(run);
            return;
        }
        Pipeline.Stage s = p.stages.get(i);
        Request user = run.user;
        run.stage = i;
        run.stageStartS = clock.now();
        run.stageStartUsd = run.journey.costUsd();
        if (s.spec instanceof StepStageSpec step) {
            hold(run, i, p);
            host.charge(run, s, step.usdPerRequest());
            clock.after(s.latency.sampleS(), () -> endStage(run, i));
        } else if (s.spec instanceof GuardrailStageSpec g) {
            hold(run, i, p);
            host.charge(run, s, g.usdPerRequest());
            boolean blocked = g.blockRate() > 0 && s.rng.nextDouble() < g.blockRate();
            clock.after(s.latency.sampleS(), () -> {
                if (blocked) {
                    s.count("blocked", 1);
                    closeStage(run, i);
                    host.end(run, GUARDRAIL, true);
                } else {
                    endStage(run, i);
                }
            });
        } else if (s.spec instanceof RetrieveStageSpec r) {
            double latency = 0;
            double usd = 0;
            if (r.embed() != null) {
                latency += s.latency.sampleS();
                usd += price(r.embed().usdPerRequest()) + price(r.embed().usdPerMtok()) * user.inputTokens() / 1e6;
            }
            if (r.search() != null) {
                latency += s.searchLatency.sampleS();
                usd += price(r.search().usdPerRequest());
            }
            if (r.rerank() != null) {
                latency += s.rerankLatency.sampleS();
                usd += price(r.rerank().usdPerRequest());
            }
            host.charge(run, s, usd);
            run.addedTokens += r.addedTokens();
            clock.after(latency, () -> endStage(run, i));
        } else if (s.spec instanceof ToolStageSpec t) {
            hold(run, i, p);
            clock.after(tools(run, s, t.calls()), () -> endStage(run, i));
        } else if (s.spec instanceof TtsStageSpec t) {
            double firstChunkS = s.latency.sampleS();
            run.firstOutS = run.streaming ? run.firstOutS + firstChunkS : run.stageStartS + firstChunkS;
            run.streaming = false; // audio after this is what the user hears
            long chars = Math.round(user.outputTokens() * t.charsPerToken());
            host.charge(run, s, price(t.usdPerMchar()) * chars / 1e6);
            clock.after(firstChunkS, () -> endStage(run, i));
        } else if (s.spec instanceof LlmStageSpec l) {
            run.malformedLeft = l.malformed() == null ? 0 : l.malformed().maxRetries();
            llmCall(run, s, i);
        } else if (s.spec instanceof AgentStageSpec a) {
            int wanted = s.steps.sample();
            run.stepsWanted = wanted;
            run.stepsDone = 0;
            run.taskStartUsd = run.journey.costUsd();
            agentStep(run, s, i);
        } else if (s.spec instanceof JudgeStageSpec judge) {
            if (s.rng.nextDouble() >= judge.sample()) {
                runStage(run, i + 1); // not sampled: the stage is skipped, not timed
                return;
            }
            hold(run, i, p);
            s.count("judged", 1);
            host.modelCall(run, s.tier, clampInput(user.inputTokens() + run.addedTokens + user.outputTokens()),
                    s.outputTokens.sample());
        }
    }

    /** A stage after the answer holds it: the user gets it when the stage ends. */
    private static void hold(Pipeline.Run run, int i, Pipeline p) {
        if (i > p.answerIndex && run.streaming) {
            run.streaming = false;
            run.firstOutS = Double.NaN;
        }
    }

    private void llmCall(Pipeline.Run run, Pipeline.Stage s, int i) {
        Request user = run.user;
        boolean answer = i == run.pipeline.answerIndex;
        int output = answer || s.outputTokens == null ? user.outputTokens() : s.outputTokens.sample();
        s.count("calls", 1);
        host.modelCall(run, s.tier, clampInput(user.inputTokens() + run.addedTokens), output);
    }

    private void agentStep(Pipeline.Run run, Pipeline.Stage s, int i) {
        AgentStageSpec a = (AgentStageSpec) s.spec;
        run.stepsDone++;
        boolean last = run.stepsDone >= run.stepsWanted;
        int output = last ? run.user.outputTokens() : s.outputTokens.sample();
        s.count("steps", 1);
        host.modelCall(run, s.tier, clampInput(run.user.inputTokens() + run.addedTokens), output);
        if (a.maxSteps() != null && !last && run.stepsDone >= a.maxSteps()) {
            s.count("step_cap", 1); // this call is the last the cap allows; its answer is what the task returns
        }
    }

    /**
     * A model call of the run's current stage answered ({@code call} has its timestamps); returns normally after
     * scheduling what comes next.
     */
    void callAnswered(Pipeline.Run run, Request call) {
        Pipeline p = run.pipeline;
        int i = run.stage;
        Pipeline.Stage s = p.stages.get(i);
        if (s.spec instanceof LlmStageSpec l) {
            if (l.malformed() != null && s.rng.nextDouble() < l.malformed().probability()) {
                if (run.malformedLeft > 0) {
                    run.malformedLeft--;
                    s.count("malformed_retries", 1);
                    llmCall(run, s, i);
                } else {
                    s.count("malformed_failures", 1);
                    closeStage(run, i);
                    host.end(run, MALFORMED, false);
                }
                return;
            }
            if (i == p.answerIndex) {
                answerReady(run, call);
            } else {
                run.addedTokens += call.outputTokens();
            }
            endStage(run, i);
        } else if (s.spec instanceof AgentStageSpec a) {
            boolean done = run.stepsDone >= run.stepsWanted;
            boolean stepCap = !done && a.maxSteps() != null && run.stepsDone >= a.maxSteps();
            boolean spendCap = !done && !stepCap && a.maxSpendUsd() != null
                    && run.journey.costUsd() - run.taskStartUsd >= a.maxSpendUsd();
            if (spendCap) {
                s.count("spend_cap", 1);
            }
            if (done || stepCap || spendCap) {
                // a task stopped by a cap returns what it has: the last step's output is the answer
                if (i == p.answerIndex) {
                    answerReady(run, call);
                }
                endStage(run, i);
                return;
            }
            run.addedTokens += call.outputTokens();
            ToolCallSpec tool = a.tool();
            double toolS = tool == null ? 0 : tools(run, s, tool);
            if (a.maxSpendUsd() != null && run.journey.costUsd() - run.taskStartUsd >= a.maxSpendUsd()) {
                s.count("spend_cap", 1); // the tools spent the rest: the task stops after them
                clock.after(toolS, () -> {
                    if (i == p.answerIndex) {
                        answerReady(run, call);
                    }
                    endStage(run, i);
                });
                return;
            }
            clock.after(toolS, () -> agentStep(run, s, i));
        } else {
            endStage(run, i); // a judge's verdict
        }
    }

    /** The answer's first token reached the gateway: it streams to the user unless a later stage holds it. */
    private static void answerReady(Pipeline.Run run, Request call) {
        run.answered = true;
        run.streaming = true;
        run.firstOutS = call.firstTokenS();
    }

    /**
     * Runs a stage's tool calls (all at once, each cut at the timeout; timed-out calls add nothing), books their
     * price and their output to later prompts, and returns how long the slowest took, seconds.
     */
    private double tools(Pipeline.Run run, Pipeline.Stage s, ToolCallSpec tool) {
        double slowest = 0;
        double timeout = tool.timeoutS() == null ? Double.POSITIVE_INFINITY : tool.timeoutS();
        for (int k = 0; k < tool.parallel(); k++) {
            double latency = s.toolLatency.sampleS();
            int tokens = s.toolOutput == null ? 0 : s.toolOutput.sample();
            if (latency > timeout) {
                latency = timeout;
                s.count("tool_timeouts", 1);
            } else {
                run.addedTokens += tokens;
            }
            slowest = Math.max(slowest, latency);
        }
        s.count("tool_calls", tool.parallel());
        host.charge(run, s, price(tool.usdPerCall()) * tool.parallel());
        return slowest;
    }

    private void endStage(Pipeline.Run run, int i) {
        closeStage(run, i);
        runStage(run, i + 1);
    }

    /** Stamps stage {@code i}'s latency and spend. */
    private void closeStage(Pipeline.Run run, int i) {
        run.latencyS[i] = clock.now() - run.stageStartS;
        run.pipeline.stages.get(i).usd += run.journey.costUsd() - run.stageStartUsd;
    }

    private static double price(Double usd) {
        return usd == null ? 0 : usd;
    }

    /** A prompt is an int; one that would not fit one is far past any context window and is refused anyway. */
    private static int clampInput(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
