package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** Results travel between machines (fleet shards on Spark) as Java-serialized objects. */
class RunResultSerializationTest {

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T o) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(o)))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSurvives(RunResult r) {
        RunResult copy = roundTrip(r);
        assertEquals(r, copy);
        // equality ignores the histograms; they must come across too, or the copy could not be merged
        assertNotNull(r.ttft().histogram());
        assertArrayEquals(r.ttft().histogram(), copy.ttft().histogram());
        assertArrayEquals(ItlResult.of(r).latency().histogram(), ItlResult.of(copy).latency().histogram());
        for (int i = 0; i < r.classes().size(); i++) {
            assertArrayEquals(r.classes().get(i).e2e().histogram(), copy.classes().get(i).e2e().histogram());
        }
        for (int i = 0; i < r.pools().size(); i++) {
            assertArrayEquals(r.pools().get(i).latency().ttft().histogram(),
                    copy.pools().get(i).latency().ttft().histogram());
        }
    }

    @Test
    void plainRun_survivesJavaSerialization() {
        assertSurvives(TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=120",
                "warmup_s=20")));
    }

    @Test
    void runWithClassesAndSlos_survivesJavaSerialization() {
        RunResult r = TestScenarios.run(TestScenarios.loadFile("scenarios/multi-tenant.yaml", "duration_s=240",
                "warmup_s=30"));
        assertTrue(r.classes().size() > 1);
        assertSurvives(r);
    }

    @Test
    void runWithAutoscalingAndFaults_survivesJavaSerialization() {
        RunResult crash = TestScenarios.run(TestScenarios.loadFile("scenarios/replica-crash.yaml", "duration_s=200",
                "warmup_s=20", "faults[0].at_s=100"));
        assertTrue(ElasticResult.of(crash).faulted());
        assertSurvives(crash);
        RunResult scaled = TestScenarios.run(TestScenarios.loadFile("scenarios/diurnal-autoscale.yaml",
                "duration_s=1200", "workload.arrival.peak_hour=0"));
        assertTrue(ElasticResult.of(scaled).autoscaled());
        assertNotEquals(0, ElasticResult.of(scaled).events().size());
        assertSurvives(scaled);
    }

    @Test
    void runWithAnApplicationLayer_survivesJavaSerialization() {
        RunResult r = TestScenarios.run(TestScenarios.loadFile("scenarios/support-bot-stack.yaml", "duration_s=1200",
                "warmup_s=60"));
        assertTrue(AppResult.of(r) != AppResult.NONE);
        assertSurvives(r);
    }
}
