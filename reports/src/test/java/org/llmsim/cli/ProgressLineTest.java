package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void oneRun_showsSimulatedTimeRateAndEta() {
        String line = ProgressLine.render("simulating quickstart", 0.5, 0, 1, 300, 2_000_000, 2.0);
        assertEquals("simulating quickstart [============>           ]  50%  t=300 s  2.0M events (1.0M/s)  ETA 2 s  ",
                line);
    }

    @Test
    void severalRuns_showRunsFinishedInsteadOfSimulatedTime() {
        String line = ProgressLine.render("simulating quickstart x8", 0.25, 2, 8, 1200, 4_000_000, 1.0);
        assertTrue(line.contains("2/8 runs"), line);
        assertTrue(line.contains(" 25%"), line);
        assertTrue(line.contains("ETA 3 s"), line);
        assertTrue(!line.contains("t="), line);
    }

    @Test
    void finishedArrivalsWhileRunsStillDrain_sayDraining() {
        assertTrue(ProgressLine.render("x", 1.0, 3, 4, 0, 0, 5).contains("draining"));
    }

    @Test
    void jobsOnAnEngine_showJobsFinishedAndEta() {
        assertEquals("sweep 64 points on spark [======>                 ]  25%  16/64 jobs  ETA 30 s  ",
                ProgressLine.renderJobs("sweep 64 points on spark", 16, 64, 10.0));
        assertEquals("x [========================] 100%  4/4 jobs  ", ProgressLine.renderJobs("x", 4, 4, 3.0));
    }
}
