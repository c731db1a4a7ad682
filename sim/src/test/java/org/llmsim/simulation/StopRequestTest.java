package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llmsim.kernel.RunStopped;
import org.llmsim.kernel.StopRequest;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/** A stop request ends runs under way soon, and keeps new ones from starting. */
class StopRequestTest {
    @AfterEach
    void forgetTheRequest() {
        StopRequest.clear();
    }

    @Test
    void aRunUnderWay_endsWithRunStopped_soonAfterTheRequest() throws Exception {
        // a run of days of traffic: it would take minutes to finish
        Scenario s = TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=1000000", "warmup_s=10");
        Simulation sim = new Simulation(s);
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(sim::run);
        // when the stop comes while it runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sim.events() < 10_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(sim.events() >= 10_000, "the run started");
        StopRequest.request();
        // then it ends with RunStopped (the bound only catches a run that ignores the request)
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertInstanceOf(RunStopped.class, e.getCause());
        assertTrue(sim.simulatedS() < 1_000_000, "stopped before the end: t=" + sim.simulatedS());
    }

    @Test
    void noRunStarts_afterARequest() {
        Scenario s = TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=60", "warmup_s=10");
        StopRequest.request();
        assertThrows(RunStopped.class, () -> new Simulation(s).run());
    }
}
