package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

class OutputSpecTest {

    @Test
    void defaultInterval_isARoundNumberGivingAboutThreeHundredPoints() {
        assertEquals(2.0, OutputSpec.defaultSampleIntervalS(600));
        assertEquals(0.5, OutputSpec.defaultSampleIntervalS(120));
        assertEquals(0.5, OutputSpec.defaultSampleIntervalS(100));
        assertEquals(10.0, OutputSpec.defaultSampleIntervalS(3000));
        assertEquals(20.0, OutputSpec.defaultSampleIntervalS(5000));
        assertEquals(0.01, OutputSpec.defaultSampleIntervalS(3));
        assertEquals(200.0, OutputSpec.defaultSampleIntervalS(36_000 * 1.5));
    }

    @Test
    void scenarioWithoutOutputBlock_getsTheDefault_andSetOverridesIt() {
        Scenario s = TestScenarios.loadFile("scenarios/quickstart.yaml");
        assertEquals(2.0, s.spec().output().sampleIntervalS());
        Scenario set = TestScenarios.loadFile("scenarios/quickstart.yaml", "output.sample_interval_s=0.25");
        assertEquals(0.25, set.spec().output().sampleIntervalS());
    }

    @Test
    void badIntervals_areClearErrors() {
        InputException zero = assertThrows(InputException.class,
                () -> TestScenarios.loadFile("scenarios/quickstart.yaml", "output.sample_interval_s=0"));
        assertTrue(zero.getMessage().contains("output.sample_interval_s: must be > 0, got 0"), zero.getMessage());
        InputException tiny = assertThrows(InputException.class,
                () -> TestScenarios.loadFile("scenarios/quickstart.yaml", "output.sample_interval_s=0.001"));
        assertTrue(tiny.getMessage().contains("output.sample_interval_s: must be >= 0.02 s"), tiny.getMessage());
        InputException unknown = assertThrows(InputException.class,
                () -> TestScenarios.loadFile("scenarios/quickstart.yaml", "output.interval=3"));
        assertTrue(unknown.getMessage().contains("output.interval"), unknown.getMessage());
    }
}
