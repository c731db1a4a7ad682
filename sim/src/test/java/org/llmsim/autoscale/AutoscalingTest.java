package org.llmsim.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/** An autoscaled pool follows its load, pays for what it provisions, and makes late requests wait for cold starts. */
class AutoscalingTest {

    /**
     * One H100 running Llama-3.1-8B at 2 req/s until t = 300 s, then 40 req/s (about 2.5 H100s' worth): the autoscaler
     * (concurrency 16 per replica, every 10 s) must add replicas, which serve after {@code coldStartS}.
     */
    private static TestScenarios.Recorded step(double coldStartS) {
        String yaml = """
                name: step
                seed: 11
                duration_s: 700
                warmup_s: 0
                workload:
                  arrival: {process: piecewise, points: [{at_s: 0, rate_rps: 2}, {at_s: 300, rate_rps: 40}]}
                  input_tokens: {dist: lognormal, mean: 1000, stddev: 400, max: 8192}
                  output_tokens: {dist: lognormal, mean: 250, stddev: 100, max: 2048}
                cluster:
                  pools:
                    - name: main
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      autoscale:
                        min_replicas: 1
                        max_replicas: 6
                        target: {metric: concurrency, value: 16}
                        interval_s: 10
                        cold_start_s: %s
                        scale_down_delay_s: 60
                """.formatted(coldStartS);
        return TestScenarios.runRecording(TestScenarios.load(yaml));
    }

    @Test
    void stepInLoad_scalesUpAfterTheStep_andNewReplicasServeAfterTheirColdStart() {
        // given a step from 2 to 40 req/s at t = 300 s and a cold start of 60 s
        RunResult r = step(60).result();
        ElasticResult.PoolElastic pool = ElasticResult.of(r).pools().get(0);
        List<ReplicaEvent> events = ElasticResult.of(r).events();

        // then one replica serves the light load; the first scale-up comes after the step, within two evaluations
        ReplicaEvent firstUp = events.stream().filter(e -> e.event().equals(ReplicaEvent.SCALE_UP)).findFirst()
                .orElseThrow();
        assertTrue(firstUp.timeS() > 300 && firstUp.timeS() <= 320, "first scale-up at " + firstUp.timeS());
        assertTrue(pool.replicasMax() >= 3, "max replicas " + pool.replicasMax());
        assertEquals(1, pool.replicasMin());
        // and the replicas it asked for serve exactly one cold start later
        ReplicaEvent firstReady = events.stream().filter(e -> e.event().equals(ReplicaEvent.READY)).findFirst()
                .orElseThrow();
        assertEquals(firstUp.timeS() + 60, firstReady.timeS(), 1e-9);
        assertEquals(firstUp.provisioned(), firstReady.provisioned());
        assertEquals(1, firstUp.serving());
    }

    @Test
    void coldStartDelay_showsInTheTtftOfRequestsArrivingAfterTheStep() {
        // given the same step with a 60 s and with a 1 s cold start
        TestScenarios.Recorded slow = step(60);
        TestScenarios.Recorded fast = step(1);

        // then the requests arriving in the minute after the step wait for the cold start: one replica holds a
        // growing queue until the others serve
        double slowP90 = p90TtftOfArrivals(slow.requests(), 300, 360);
        double fastP90 = p90TtftOfArrivals(fast.requests(), 300, 360);
        assertTrue(slowP90 > 5 * fastP90 && slowP90 > 5, "p90 TTFT after the step: cold start 60 s " + slowP90
                + " s, 1 s " + fastP90 + " s");
        // before the step nothing differs
        assertEquals(p90TtftOfArrivals(slow.requests(), 0, 300), p90TtftOfArrivals(fast.requests(), 0, 300), 1e-9);
    }

    @Test
    void gpuHours_areTheIntegralOfTheProvisionedReplicas_coldStartsAndDrainsIncluded() {
        // given the step with a 60 s cold start
        RunResult r = step(60).result();

        // when the provisioned replicas are integrated over the run from the replica events (a step function)
        double replicaS = 0;
        double lastS = 0;
        int provisioned = 1;
        for (ReplicaEvent e : ElasticResult.of(r).events()) {
            replicaS += provisioned * (e.timeS() - lastS);
            lastS = e.timeS();
            provisioned = e.provisioned();
        }
        replicaS += provisioned * (r.sim().simulatedS() - lastS);

        // then the bill is those replica-hours at one GPU each, at the H100's price
        double gpuHours = replicaS / 3600.0;
        assertEquals(gpuHours, r.cost().gpuHours(), 1e-9);
        assertEquals(gpuHours, ElasticResult.of(r).pools().get(0).gpuHours(), 1e-9);
        double price = TestScenarios.gpu("h100-sxm").priceUsdPerHour();
        assertEquals(gpuHours * price, r.cost().gpuUsd(), 1e-9);
        // which is less than six replicas for the whole run, and more than one
        assertTrue(gpuHours < 6 * r.sim().simulatedS() / 3600.0 && gpuHours > r.sim().simulatedS() / 3600.0);
        assertEquals(replicaS / r.sim().simulatedS(), ElasticResult.of(r).pools().get(0).replicasMean(), 1e-9);
        // and every request is accounted for
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().failed()
                + r.requests().rejected() + r.requests().unfinished());
    }

    @Test
    void scaleToZero_stopsAnIdlePool_andTheNextRequestWaitsForAColdStart() {
        // given traffic for 100 s, silence until 500 s, traffic again; a pool that may scale to zero
        String yaml = """
                name: to-zero
                seed: 5
                duration_s: 600
                warmup_s: 0
                workload:
                  arrival: {process: piecewise, points: [{at_s: 0, rate_rps: 2}, {at_s: 100, rate_rps: 0},
                            {at_s: 500, rate_rps: 2}]}
                  input_tokens: {dist: fixed, value: 500}
                  output_tokens: {dist: fixed, value: 50}
                cluster:
                  pools:
                    - name: main
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      replicas: 1
                      autoscale:
                        min_replicas: 0
                        max_replicas: 2
                        scale_to_zero: true
                        target: {metric: concurrency, value: 8}
                        interval_s: 10
                        cold_start_s: 30
                        scale_down_delay_s: 60
                """;
        TestScenarios.Recorded rec = TestScenarios.runRecording(TestScenarios.load(yaml));
        RunResult r = rec.result();
        List<ReplicaEvent> events = ElasticResult.of(r).events();

        // then the pool drops to zero about a minute after the traffic stops
        ReplicaEvent toZero = events.stream().filter(e -> e.event().equals(ReplicaEvent.SCALE_TO_ZERO)).findFirst()
                .orElseThrow();
        assertTrue(toZero.timeS() >= 160 && toZero.timeS() < 200, "to zero at " + toZero.timeS());
        assertEquals(0, ElasticResult.of(r).pools().get(0).replicasMin());
        // and the first request after the silence starts a replica and waits for its cold start
        ReplicaEvent fromZero = events.stream().filter(e -> e.event().equals(ReplicaEvent.SCALE_FROM_ZERO))
                .findFirst().orElseThrow();
        Request first = rec.requests().stream().filter(q -> q.arrivalS() >= 500)
                .min((a, b) -> Double.compare(a.arrivalS(), b.arrivalS())).orElseThrow();
        assertEquals(first.arrivalS(), fromZero.timeS(), 1e-9);
        assertTrue(first.ttftS() >= 30 && first.ttftS() < 31, "TTFT of the first request " + first.ttftS());
        // nothing is lost, and the silent stretch cost nothing: less than the 600 s run of one replica
        assertEquals(r.requests().arrived(), r.requests().completed());
        assertTrue(r.cost().gpuHours() < 0.8 * r.sim().simulatedS() / 3600.0, "GPU-h " + r.cost().gpuHours());
    }

    private static double p90TtftOfArrivals(List<Request> requests, double fromS, double toS) {
        double[] ttfts = requests.stream()
                .filter(q -> q.status() == RequestStatus.COMPLETED && q.arrivalS() >= fromS && q.arrivalS() < toS)
                .mapToDouble(Request::ttftS).sorted().toArray();
        return ttfts[(int) Math.ceil(0.9 * ttfts.length) - 1];
    }
}
