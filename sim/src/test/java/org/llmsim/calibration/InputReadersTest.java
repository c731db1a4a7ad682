package org.llmsim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.testing.TestScenarios;

/** The vllm bench serve JSON reader, the CSV reader and the validation-case loader. */
class InputReadersTest {
    static final Path EXAMPLES = TestScenarios.home().resolve("scenarios/calibration");
    static final PoolSpec ON_H100 = new PoolSpec(null, "h100-sxm", null, null, null, null, null, null);
    static final List<Metric> DEFAULT_METRICS = List.of(Metric.MEAN_TTFT_MS, Metric.MEAN_TPOT_MS,
            Metric.OUTPUT_THROUGHPUT);

    @Test
    void vllmJson_givesTheClientSettingsLengthsAndMetrics() {
        Measurement m = VllmBenchResult.read(EXAMPLES.resolve("vllm-bench-h100-llama8b-c16.json"), ON_H100,
                DEFAULT_METRICS);
        BenchmarkLoad load = m.benchmark().load();
        assertEquals(200, load.numPrompts());
        assertTrue(load.infiniteRate());
        assertEquals(16, load.maxConcurrency());
        assertEquals(new LengthSpec.Fixed(1024), load.inputTokens());
        assertEquals(new LengthSpec.Fixed(128), load.outputTokens());
        assertEquals("llama-3.1-8b", m.benchmark().deployment().model());
        assertEquals(235.93, m.measured().get(Metric.MEAN_TTFT_MS));
        assertEquals(1380.6, m.measured().get(Metric.OUTPUT_THROUGHPUT));
        assertEquals(3, m.measured().size());
    }

    @Test
    void vllmJson_withARateAndDetailedLengths(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("r.json");
        Files.writeString(f, """
                {"model_id": "meta-llama/Meta-Llama-3.1-70B-Instruct", "num_prompts": 3, "request_rate": 4.0,
                 "burstiness": 0.5, "max_concurrency": null, "completed": 3, "total_input_tokens": 600,
                 "total_output_tokens": 90, "input_lens": [100, 200, 300], "output_lens": [30, 30, 30],
                 "mean_ttft_ms": 40.0, "median_tpot_ms": 20.0}
                """);
        Measurement m = VllmBenchResult.read(f, ON_H100, List.of(Metric.MEAN_TTFT_MS, Metric.MEDIAN_TPOT_MS));
        BenchmarkLoad load = m.benchmark().load();
        assertEquals(4.0, load.requestRateRps());
        assertEquals(0.5, load.burstiness());
        assertNull(load.maxConcurrency());
        assertEquals(new LengthSpec.Empirical(List.of(100, 200, 300), null), load.inputTokens());
        assertEquals("llama-3.1-70b", m.benchmark().deployment().model());
        assertEquals(2, m.measured().size());
    }

    @Test
    void vllmJson_thatIsNotABenchmarkResult_isAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"hello\": 1}");
        InputException e = assertThrows(InputException.class, () -> VllmBenchResult.read(f, ON_H100,
                DEFAULT_METRICS));
        assertTrue(e.getMessage().contains("completed: missing"), e.getMessage());
    }

    @Test
    void vllmJson_thatDoesNotParse_namesTheLine_inPlainWords(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, "{\"completed\": 3,\n \"mean_ttft_ms\": ");
        InputException e = assertThrows(InputException.class, () -> VllmBenchResult.read(f, ON_H100,
                DEFAULT_METRICS));
        assertEquals(f + ":2: malformed JSON: Unexpected end-of-input within/between Object entries",
                e.getMessage());
    }

    @Test
    void vllmJson_skipsWhatCalibrationDoesNotRead_evenPythonsNaN(@TempDir Path dir) throws IOException {
        // a --save-detailed result: every request's inter-token latencies and texts, and a NaN statistic
        StringBuilder itls = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            itls.append(i == 0 ? "" : ",").append("[0.01, 0.012, 0.011]");
        }
        Path f = dir.resolve("detailed.json");
        Files.writeString(f, "{\"completed\": 2000, \"total_input_tokens\": 200000, \"total_output_tokens\": "
                + "6000, \"model_id\": \"meta-llama/Llama-3.1-8B-Instruct\", \"std_ttft_ms\": NaN, \"itls\": "
                + itls + "], \"generated_texts\": [\"a\", \"b\"], \"mean_ttft_ms\": 30.5}");
        Measurement m = VllmBenchResult.read(f, ON_H100, DEFAULT_METRICS);
        assertEquals(30.5, m.measured().get(Metric.MEAN_TTFT_MS));
        assertEquals(new LengthSpec.Fixed(100), m.benchmark().load().inputTokens());
    }

    @Test
    void modelProfileId_stripsOrganisationAndInstructSuffix() {
        assertEquals("llama-3.1-8b", VllmBenchResult.modelProfileId("meta-llama/Llama-3.1-8B-Instruct"));
        assertEquals("llama-3.1-70b", VllmBenchResult.modelProfileId("meta-llama/Meta-Llama-3.1-70B-Instruct"));
        assertEquals("llama-2-70b", VllmBenchResult.modelProfileId("meta-llama/Llama-2-70b-hf"));
    }

    @Test
    void csv_readsOneBenchmarkPerLine() {
        List<Measurement> rows = MeasurementCsv.read(EXAMPLES.resolve("trtllm-h100-llama8b-online.csv"), ON_H100);
        assertEquals(6, rows.size());
        Measurement first = rows.get(0);
        assertEquals("qps2", first.label());
        assertEquals(ServingEngine.TRTLLM, first.benchmark().deployment().engine());
        assertEquals(2048, first.benchmark().deployment().scheduler().maxBatchSize());
        assertEquals(2.0, first.benchmark().load().requestRateRps());
        assertEquals(2, first.measured().size());
        Measurement last = rows.get(5);
        assertTrue(last.benchmark().load().infiniteRate());
        assertEquals(9420.0, last.measured().get(Metric.OUTPUT_THROUGHPUT));
    }

    @Test
    void csv_errorsNameTheLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "model,num_prompts,input_tokens,output_tokens,mean_ttft_ms\n"
                + "llama-3.1-8b,ten,100,10,20\n"
                + "llama-3.1-8b,10,100,10,\n");
        InputException e = assertThrows(InputException.class, () -> MeasurementCsv.read(f, ON_H100));
        assertTrue(e.getMessage().contains("m.csv:2: num_prompts: expected a whole number, got 'ten'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("m.csv:3: no measured metric on this line"), e.getMessage());

        Files.writeString(f, "model,prompts\n");
        e = assertThrows(InputException.class, () -> MeasurementCsv.read(f, ON_H100));
        assertTrue(e.getMessage().contains("prompts: unknown column"), e.getMessage());
    }

    @Test
    void validationCases_inTheRepositoryAllLoad_andTheirIdsMatchTheirFiles() {
        List<ValidationCase> cases = ValidationCase.loadAll(TestScenarios.home().resolve("gpu-profiles/validation"));
        assertTrue(cases.size() >= 12);
        for (ValidationCase c : cases) {
            assertTrue(c.source().length() > 20, c.id() + " cites its source");
            assertInstanceOf(Measurement.class, c.measurement());
        }
    }

    @Test
    void validationCase_problemsAreReportedWithTheirLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("my-case.yaml");
        Files.writeString(f, """
                id: other-name
                source: "somewhere"
                source_date: "2026"
                deployment: {gpu: h100-sxm, model: llama-3.1-8b}
                load: {num_prompts: 10, input_tokens: {dist: fixed, value: 10}, output_tokens: {dist: fixed, value: 10}}
                published:
                  mean_ttft_ms: 10
                  mean_ttft_s: 0.01
                """);
        InputException e = assertThrows(InputException.class, () -> ValidationCase.load(f));
        assertTrue(e.getMessage().contains("my-case.yaml:1: id: must match the file name 'my-case'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("published.mean_ttft_s: unknown metric"), e.getMessage());
        // every published figure is scored: there is no place to show one without scoring it
        Path hidden = dir.resolve("hidden.yaml");
        Files.writeString(hidden, """
                id: hidden
                source: "https://example.org/figures"
                source_date: "2026"
                deployment: {gpu: h100-sxm, model: llama-3.1-8b}
                load: {num_prompts: 10, input_tokens: {dist: fixed, value: 10}, output_tokens: {dist: fixed, value: 10}}
                published: {mean_ttft_ms: 10}
                unscored: {mean_tpot_ms: 5}
                """);
        InputException unscored = assertThrows(InputException.class, () -> ValidationCase.load(hidden));
        assertTrue(unscored.getMessage().contains("hidden.yaml:7: unscored: unknown field 'unscored'"),
                unscored.getMessage());
    }
}
