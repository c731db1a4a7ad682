package org.llmsim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.testing.TestScenarios;

class BenchmarkRunTest {
    static final PoolSpec H100_8B = new PoolSpec(null, "h100-sxm", "llama-3.1-8b", null, null, null, null, null);

    static BenchmarkStats run(Integer prompts, Double rate, Integer concurrency, int in, int out) {
        BenchmarkLoad load = new BenchmarkLoad(prompts, rate, null, concurrency, new LengthSpec.Fixed(in),
                new LengthSpec.Fixed(out), 0L);
        return new BenchmarkRun(TestScenarios.catalog(), TestScenarios.home()).run(new ServeBenchmark(H100_8B, load));
    }

    @Test
    void concurrencyOne_sendsEachRequestWhenThePreviousFinishes() {
        // given one request in flight at a time
        BenchmarkStats s = run(5, null, 1, 1024, 64);
        // then the requests never overlap: the run lasts exactly the sum of their latencies, all equal
        assertEquals(5, s.completed());
        assertEquals(5 * s.e2elS().mean(), s.durationS(), 1e-9);
        assertEquals(s.ttftS().mean(), s.ttftS().p99(), 1e-12);
        // and TPOT is the batch-1 decode step, bound by memory: the layers' weights (32 x 218.1 M parameters) and
        // the LM head (4,096 x 128,256) in BF16, plus about 1,056 tokens of KV (131,072 bytes each), over the
        // achievable bandwidth, plus the per-pass, per-layer and per-sequence host time. The embedding table is not
        // streamed: a decode gathers one row.
        var g = TestScenarios.gpu("h100-sxm");
        double bytes = 2 * (32 * 218.1e6 + 4096 * 128_256.0) + 1056 * 131_072.0;
        double step = bytes / (g.hbmBytesPerS() * g.memoryEfficiency()) + g.iterationOverheadS()
                + 32 * g.layerOverheadSOrZero() + g.perSequenceOverheadSOrZero();
        assertEquals(step, s.tpotS().mean(), 0.03 * step);
    }

    @Test
    void infiniteRate_sendsEverythingAtOnce_andTheFirstTokensQueueBehindEachOther() {
        BenchmarkStats s = run(64, null, null, 2048, 16);
        assertEquals(64, s.completed());
        assertEquals(0, s.failed());
        // 64 x 2048 prompt tokens in passes of 4 prompts (8192 tokens): the k-th pass's prompts see their first token
        // after k passes, so TTFTs spread evenly from 1 to 16 passes: median 8.5 passes, p99 about 16
        assertEquals(16 / 8.5, s.ttftS().p99() / s.ttftS().median(), 0.05, "TTFT spread " + s.ttftS());
        assertEquals(64 * 16 / s.durationS(), s.outputThroughput(), 1e-9);
    }

    @Test
    void finiteRate_spreadsTheRequestsOverAboutNumPromptsOverRateSeconds() {
        BenchmarkStats s = run(200, 10.0, null, 256, 32);
        assertEquals(200, s.completed());
        assertTrue(s.durationS() > 15 && s.durationS() < 25, "duration " + s.durationS());
        // light load: no queueing, so TTFT is one short prefill pass plus the wait for the running one
        assertTrue(s.ttftS().mean() < 0.05, "TTFT " + s.ttftS());
    }

    @Test
    void medianItl_isTheEnginesGapMedian_belowTheMedianTpotWhenPrefillsStretchAFewGaps() {
        // given 8 requests in flight with 16k-token prompts: each new prompt's prefill stalls the others' decodes
        BenchmarkStats s = run(32, null, 8, 16_000, 256);
        double itl = Metric.MEDIAN_ITL_MS.of(s);
        // then most gaps are plain decode passes: the median gap is below the median TPOT, which averages the stalls
        assertTrue(itl < 0.95 * Metric.MEDIAN_TPOT_MS.of(s), "ITL median " + itl + " TPOT median "
                + Metric.MEDIAN_TPOT_MS.of(s));
        // and no shorter than a decode pass of 8 sequences
        assertTrue(itl > 6.0, "ITL median " + itl);
        // one request at a time: every gap is one decode pass, so the medians agree
        BenchmarkStats alone = run(5, null, 1, 1024, 64);
        assertEquals(Metric.MEDIAN_TPOT_MS.of(alone), Metric.MEDIAN_ITL_MS.of(alone), 0.01);
    }

    @Test
    void concurrencyLimitWithFiniteRate_neverHasMoreInFlightThanTheLimit() {
        BenchmarkStats limited = run(100, 50.0, 4, 512, 64);
        BenchmarkStats open = run(100, 50.0, null, 512, 64);
        // at 50 req/s the open system runs large batches; at most 4 at a time the batch stays small, so every token
        // is faster but the run takes longer
        assertTrue(limited.tpotS().mean() < open.tpotS().mean());
        assertTrue(limited.durationS() > open.durationS());
    }

    @Test
    void stats_followVllmBenchServeDefinitions() {
        // given three requests: 1 output token, 11 tokens over 1 s of decode, 3 tokens over 1 s of decode
        Request a = finished(0, 0.0, 1, 0.5, 0.5);
        Request b = finished(1, 0.0, 11, 0.2, 1.2);
        Request c = finished(2, 1.0, 3, 1.1, 2.1);
        BenchmarkStats s = BenchmarkStats.of(List.of(a, b, c), 1, 2.1);
        // TPOT skips the one-token request: (0.1 + 0.5) / 2
        assertEquals(0.3, s.tpotS().mean(), 1e-12);
        // mean ITL weighs every gap equally: 2 s of decode over 12 gaps
        assertEquals(2.0 / 12, s.meanItlS(), 1e-12);
        // TTFT 0.5, 0.2, 0.1: median 0.2; p99 interpolates between 0.2 and 0.5 at 0.98
        assertEquals(0.2, s.ttftS().median(), 1e-12);
        assertEquals(0.2 + 0.98 * 0.3, s.ttftS().p99(), 1e-12);
        assertEquals(15 / 2.1, s.outputThroughput(), 1e-12);
        assertEquals(1, s.failed());
    }

    private static Request finished(long id, double arrivalS, int outputTokens, double firstTokenS, double finishS) {
        Request r = new Request(id, arrivalS, 100, outputTokens);
        r.markScheduled(arrivalS);
        r.markFirstToken(firstTokenS);
        r.markFinished(finishS);
        return r;
    }
}
