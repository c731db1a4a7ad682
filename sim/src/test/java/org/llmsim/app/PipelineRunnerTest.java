package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.junit.jupiter.api.Test;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

/** The pipeline runner asks its {@link StageHost} for everything beyond the stages themselves. */
class PipelineRunnerTest {
    /** Events in time order, run when the test says. */
    private static final class StepClock implements EventScheduler {
        private record Event(double timeS, long seq, Runnable action) {
        }

        private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.timeS != b.timeS
                ? Double.compare(a.timeS, b.timeS) : Long.compare(a.seq, b.seq));
        private double nowS;
        private long seq;

        @Override
        public double now() {
            return nowS;
        }

        @Override
        public ScheduledEvent at(double timeS, EventPriority priority, Runnable action) {
            events.add(new Event(timeS, seq++, action));
            return () -> {
            };
        }

        void runAll() {
            while (!events.isEmpty()) {
                Event e = events.poll();
                nowS = e.timeS;
                e.action.run();
            }
        }
    }

    /** Records what the runner asked for; answers nothing by itself. */
    private static final class Host implements StageHost {
        final List<String> asked = new ArrayList<>();

        @Override
        public void modelCall(Pipeline.Run run, Tier tier, int input, int output) {
            asked.add("call " + input + "/" + output);
        }

        @Override
        public void charge(Pipeline.Run run, Pipeline.Stage stage, Double usd) {
            asked.add("charge " + stage.name + " " + usd);
            if (usd != null) {
                run.journey.addCost(usd);
            }
        }

        @Override
        public void finish(Pipeline.Run run) {
            asked.add("finish");
        }

        @Override
        public void end(Pipeline.Run run, String reason, boolean refusal) {
            asked.add("end " + reason + " " + refusal);
        }
    }

    private static Pipeline pipeline(String stages) {
        var scenario = TestScenarios.load("""
                name: p
                duration_s: 10
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 100
                  output_tokens: 20
                  pipeline:
                %s
                cluster:
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1}
                """.formatted(stages.indent(4)));
        return new Pipeline(scenario.workload().classes().get(0), new RandomStreams(1));
    }

    @Test
    void retrievedChunksGrowThePrompt_theAnswerIsHeldByTheLastStep_andTheHostHearsTheEnd() {
        Pipeline p = pipeline("""
                - {stage: retrieve, search: {latency_s: 0.05, usd_per_request: 0.001}, chunks: 2, tokens_per_chunk: 100}
                - {stage: llm}
                - {stage: step, name: post, latency_s: 0.01}
                """);
        StepClock clock = new StepClock();
        Host host = new Host();
        PipelineRunner runner = new PipelineRunner(new LayerClock(clock), host);
        Request user = new Request(1, 0, 100, 20);
        Journey journey = Journey.start(user);
        Pipeline.Run run = new Pipeline.Run(p, user, journey);
        runner.start(run);
        clock.runAll();
        // the model call carries the retrieved chunks and the request's own output
        assertEquals(List.of("charge retrieve 0.001", "call 300/20"), host.asked);
        Request call = journey.newCall(clock.now(), 300, 20);
        call.markFirstToken(0.3);
        call.markFinished(0.5);
        clock.nowS = 0.5;
        runner.callAnswered(run, call);
        clock.runAll();
        assertEquals("finish", host.asked.get(host.asked.size() - 1));
        assertEquals(0.05, run.latencyS[0], 1e-12);
        assertEquals(0.45, run.latencyS[1], 1e-12);
        assertEquals(0.01, run.latencyS[2], 1e-12);
        // a step after the answer holds it: the user gets it when the step ends
        assertTrue(Double.isNaN(run.firstOutS));
        assertEquals(0.001, p.stages.get(0).usd, 1e-12);
    }

    @Test
    void aGuardrailThatBlocks_endsTheRequestRejected_withoutAModelCall() {
        Pipeline p = pipeline("""
                - {stage: guardrail, latency_s: 0.02, block_rate: 1.0}
                - {stage: llm}
                """);
        StepClock clock = new StepClock();
        Host host = new Host();
        PipelineRunner runner = new PipelineRunner(new LayerClock(clock), host);
        Request user = new Request(1, 0, 100, 20);
        Pipeline.Run run = new Pipeline.Run(p, user, Journey.start(user));
        runner.start(run);
        clock.runAll();
        assertEquals(List.of("charge guardrail null", "end " + PipelineRunner.GUARDRAIL + " true"), host.asked);
        assertEquals(0.02, run.latencyS[0], 1e-12);
        assertTrue(Double.isNaN(run.latencyS[1]));
    }
}
