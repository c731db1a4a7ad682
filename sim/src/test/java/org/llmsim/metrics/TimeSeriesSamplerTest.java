package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/** The time series a run records: timing, conservation of arrivals, gauges that agree with the run's physics. */
class TimeSeriesSamplerTest {

    private static Scenario quickstart(String... overrides) {
        return TestScenarios.loadFile("scenarios/quickstart.yaml", overrides);
    }

    @Test
    void samples_fallOnMultiplesOfTheInterval_andCountEveryArrival() {
        // given the quickstart shortened to 120 s and sampled every second
        RunResult r = TestScenarios.run(quickstart("duration_s=120", "warmup_s=20", "output.sample_interval_s=1"));
        RunResult.TimeSeries ts = r.timeSeries();
        // then samples sit at 1, 2, 3, ... s, one per pool, and their arrival rates add up to every arrival
        assertEquals(1.0, ts.intervalS());
        assertEquals(List.of("main"), ts.pools());
        double arrivals = 0;
        for (int i = 0; i < ts.samples().size(); i++) {
            RunResult.Sample s = ts.samples().get(i);
            assertEquals(i + 1.0, s.timeS(), 1e-9);
            arrivals += s.arrivalsPerS() * ts.intervalS();
            assertTrue(s.queueLength() >= 0 && s.runningSequences() >= 0);
            assertTrue(s.kvUtilization() >= 0 && s.kvUtilization() <= 1);
            assertEquals(2, s.replicas());
            assertEquals(r.cost().usdPerHour(), s.usdPerHour(), 1e-9);
        }
        assertEquals(r.requests().arrived(), Math.round(arrivals));
        // and sampling stopped within one interval of the last model event, after the arrivals ended
        RunResult.Sample last = ts.samples().get(ts.samples().size() - 1);
        assertTrue(last.timeS() >= 120 && last.timeS() < r.sim().simulatedS() + 1, "last sample at " + last.timeS());
        assertEquals(0, last.queueLength() + last.runningSequences(), "the cluster is idle at the last sample");
    }

    @Test
    void sampling_doesNotChangeTheRun() {
        // the sampler only observes: a finer interval gives the same statistics and the same provisioned time
        RunResult coarse = TestScenarios.run(quickstart("duration_s=120", "output.sample_interval_s=10"));
        RunResult fine = TestScenarios.run(quickstart("duration_s=120", "output.sample_interval_s=0.1"));
        assertEquals(coarse.ttft(), fine.ttft());
        assertEquals(coarse.e2e(), fine.e2e());
        assertEquals(coarse.utilization(), fine.utilization());
        assertEquals(coarse.sim().simulatedS(), fine.sim().simulatedS(), 0.0);
        assertEquals(coarse.cost(), fine.cost());
        assertTrue(fine.timeSeries().samples().size() > 50 * coarse.timeSeries().samples().size() / 10);
    }

    @Test
    void requestsInSystem_obeyLittlesLaw() {
        // given a steady run: the mean number of requests in the system (waiting plus running), sampled over the
        // measurement window, must equal arrival rate times mean time in system (Little's law, L = lambda W)
        RunResult r = TestScenarios.run(quickstart("duration_s=600", "output.sample_interval_s=0.5"));
        double sum = 0;
        int n = 0;
        for (RunResult.Sample s : r.timeSeries().samples()) {
            if (r.window().contains(s.timeS())) {
                sum += s.queueLength() + s.runningSequences();
                n++;
            }
        }
        double inSystem = sum / n;
        double littles = r.throughput().requestsPerS() * r.e2e().mean();
        assertEquals(littles, inSystem, 0.05 * littles, "L sampled " + inSystem + " vs lambda W " + littles);
    }

    @Test
    void overload_showsAsAGrowingQueue() {
        // given one replica far past its capacity (prompts of 8k tokens at 40 requests/s)
        RunResult r = TestScenarios.run(quickstart("duration_s=120", "warmup_s=0",
                "workload.input_tokens={dist: fixed, value: 8000}", "workload.arrival.rate_rps=40",
                "cluster.pools[0].replicas=1", "output.sample_interval_s=10"));
        List<RunResult.Sample> s = r.timeSeries().samples();
        // then the queue at the end of the arrivals is far longer than after the first interval
        RunResult.Sample first = s.get(0);
        RunResult.Sample atEnd = s.stream().filter(x -> x.timeS() == 120).findFirst().orElseThrow();
        assertTrue(atEnd.queueLength() > 5 * Math.max(1, first.queueLength()),
                "queue " + first.queueLength() + " -> " + atEnd.queueLength());
        assertEquals(40, atEnd.arrivalsPerS(), 8, "arrival rate in the last interval");
    }
}
