package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/** What API calls cost, end to end: the token arithmetic, prompt caching by its TTL, the batch discount. */
class ApiCostTest {
    @TempDir
    Path dir;

    @Test
    void apiOnlyRun_costsTheTokenArithmetic_toTheCent() {
        // given every call 1,000 tokens in and 200 out at $4 and $20 per million tokens
        String frontier = AppFixtures.provider(dir, "frontier", 4, 20);
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: api-only
                duration_s: 300
                workload:
                  arrival: {process: poisson, rate_rps: 5}
                  input_tokens: 1000
                  output_tokens: 200
                cluster:
                  pools:
                    - {name: frontier, provider: %s}
                """.formatted(frontier)));
        RunResult r = run.result();
        long n = r.requests().completed();
        assertEquals(r.requests().arrived(), n);
        // then the bill is $0.008 a call, to the cent over the run and exactly per request
        assertEquals(n * 0.008, r.cost().apiUsd(), 0.005);
        assertEquals(r.cost().apiUsd(), r.cost().totalUsd(), 1e-9);
        assertEquals(0.0, r.cost().gpuUsd());
        for (Request q : run.requests()) {
            assertEquals(0.008, q.journey().costUsd(), 1e-12);
        }
        assertEquals(0.008, r.cost().usdPerRequest(), 0.008 * 0.03, "steady state: spend rate over completion rate");
        // and the ledger attributes every dollar: input and output halves, one backend, one pool
        AppResult.CostBreakdown b = AppResult.of(r).breakdown();
        assertEquals(r.cost().totalUsd(), b.totalUsd(), 1e-9);
        assertEquals(n * 0.004, b.by(AppResult.CostEntry::kind).get("input"), 0.005);
        assertEquals(n * 0.004, b.by(AppResult.CostEntry::kind).get("output"), 0.005);
        // and the latency is the profile's: 50 ms round trip + 0.5 s, then 199 tokens at 100 tokens/s
        assertEquals(0.55, r.ttft().max(), 1e-6);
        assertEquals(0.55 + 1.99, r.e2e().mean(), 1e-6);
    }

    /** Five calls sharing a 2,000-token prefix at 0, 10, 20, 1000 and 1100 s, each 3,000 tokens in, 100 out. */
    private Path prefixTrace() throws IOException {
        Path trace = dir.resolve("calls.csv");
        Files.writeString(trace, """
                arrival_s,input_tokens,output_tokens,prefix_id,prefix_tokens
                0,3000,100,system,2000
                10,3000,100,system,2000
                20,3000,100,system,2000
                1000,3000,100,system,2000
                1100,3000,100,system,2000
                """);
        return trace;
    }

    private RunResult runPrefixTrace(boolean batch) throws IOException {
        String provider = AppFixtures.provider(dir, "frontier", 4, 20);
        return TestScenarios.run(TestScenarios.load("""
                name: prompt-cache
                workload:
                  arrival: {process: trace}
                  trace: {path: %s}
                cluster:
                  pools:
                    - {name: api, provider: %s, batch: %s}
                """.formatted(prefixTrace().toAbsolutePath(), provider, batch)));
    }

    @Test
    void promptCaching_chargesWritesAndReadsAsTheTtlDictates() throws IOException {
        RunResult r = runPrefixTrace(false);
        AppResult.BackendResult api = AppResult.of(r).backends().get(0);
        // given a 300 s TTL: 0 writes, 10 and 20 read, 1000 comes after expiry and writes again, 1100 reads
        assertEquals(2 * 2000, api.cacheWriteTokens());
        assertEquals(3 * 2000, api.cachedInputTokens());
        double expected = 5 * 1000 * 4e-6           // uncached part of every prompt
                + 2 * 2000 * 4e-6 * 1.25            // two writes at 1.25x
                + 3 * 2000 * 0.4e-6                 // three reads at 0.1x
                + 5 * 100 * 20e-6;                  // output
        assertEquals(expected, r.cost().apiUsd(), 1e-9);
        var kinds = AppResult.of(r).breakdown().by(AppResult.CostEntry::kind);
        assertEquals(2 * 2000 * 4e-6 * 1.25, kinds.get("cache_write"), 1e-12);
        assertEquals(3 * 2000 * 0.4e-6, kinds.get("cached_input"), 1e-12);
    }

    @Test
    void batchWithCacheReads_paysFiveHundredthsOfTheInputPriceForTheCachedPrompt() throws IOException {
        RunResult r = runPrefixTrace(true);
        // the batch answers come 5 s after submission, before the next call: the same writes and reads, half price
        var kinds = AppResult.of(r).breakdown().by(AppResult.CostEntry::kind);
        assertEquals(3 * 2000 * 4e-6 * 0.05, kinds.get("cached_input"), 1e-12);
        assertEquals(2 * 2000 * 4e-6 * 1.25 * 0.5, kinds.get("cache_write"), 1e-12);
        assertEquals(5 * 100 * 20e-6 * 0.5, kinds.get("output"), 1e-12);
        // and every answer arrives whole, after the batch completion time
        assertEquals(5.0, r.ttft().max(), 1e-6);
        assertEquals(5.0, r.e2e().min(), 1e-6);
    }

    @Test
    void rateLimitedCall_isRefusedWith429_andCounted() {
        // given an account allowed 6 requests a minute, bursting to 6, and 1 request/s of traffic
        String tight = AppFixtures.provider(dir, "tight", 4, 20, "rate_limit: {requests_per_min: 6}\n");
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: limited
                duration_s: 120
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 100
                  output_tokens: 10
                cluster:
                  pools:
                    - {name: api, provider: %s}
                """.formatted(tight)));
        RunResult r = run.result();
        AppResult.BackendResult api = AppResult.of(r).backends().get(0);
        // then about 6 + 2 x 6 of the ~120 calls get through and the rest are refused, each counted once
        assertTrue(api.completed() >= 17 && api.completed() <= 19, "completed " + api.completed());
        assertEquals(api.calls() - api.completed(), api.rateLimited());
        assertEquals(api.rateLimited(), r.requests().rejectedByReason().get(ProviderBackend.RATE_LIMITED));
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().rejected());
        assertTrue(run.requests().stream().filter(q -> q.status() == RequestStatus.REJECTED)
                .allMatch(q -> q.journey().costUsd() == 0), "a refused call costs nothing");
    }
}
