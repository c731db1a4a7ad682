package org.llmsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/** The workload generator end to end: classes, sessions, closed loops, popularity, limits, through the simulator. */
class WorkloadGeneratorTest {
    /** Filler: enough small-model replicas that serving never gets in the way of what a test looks at. */
    static final String AMPLE_POOL = "{gpu: h100-sxm, model: llama-3.2-1b, replicas: 8}";

    static TestScenarios.Recorded run(String workload, double durationS, String pool, String... overrides) {
        return TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario(workload, pool, durationS, 0),
                overrides));
    }

    static Map<Integer, List<Request>> byClass(List<Request> requests) {
        return requests.stream().collect(Collectors.groupingBy(Request::classIndex, TreeMap::new,
                Collectors.toList()));
    }

    static void assertConservation(RunResult.RequestCounts n) {
        assertEquals(n.arrived(), n.completed() + n.rejected() + n.unfinished(), "every arrival ends somewhere");
        assertEquals(n.rejected(), n.rejectedByReason().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void classShares_matchTheConfiguredFractions() {
        // given three classes splitting 50 req/s
        var run = run("""
                arrival: {process: poisson, rate_rps: 50}
                input_tokens: 64
                output_tokens: 8
                classes:
                  - {name: chat, share: 0.6}
                  - {name: api, share: 0.3}
                  - {name: batch, share: 0.1}
                """, 400, AMPLE_POOL);
        // then each class gets its share of the ~20,000 arrivals, within binomial noise
        long total = run.requests().size();
        double[] shares = {0.6, 0.3, 0.1};
        Map<Integer, List<Request>> classes = byClass(run.requests());
        for (int i = 0; i < 3; i++) {
            double expected = shares[i] * total;
            double sd = Math.sqrt(total * shares[i] * (1 - shares[i]));
            assertEquals(expected, classes.get(i).size(), 4 * sd, "class " + i);
            assertEquals(classes.get(i).size(), run.result().classes().get(i).requests().arrived());
        }
        assertEquals(List.of("chat", "api", "batch"), run.result().classes().stream()
                .map(RunResult.ClassResult::name).toList());
        assertConservation(run.result().requests());
    }

    @Test
    void aClassWithItsOwnArrival_drawsTheSameRequests_whenAnotherClassIsAdded() {
        String two = """
                classes:
                  - {name: a, arrival: {process: poisson, rate_rps: 5}, input_tokens: {dist: uniform, min: 10, max: 900},
                     output_tokens: {dist: uniform, min: 1, max: 200}}
                  - {name: b, arrival: {process: gamma, rate_rps: 3, cv: 2}, input_tokens: 100, output_tokens: 10}
                """;
        String three = two + """
                  - {name: c, arrival: {process: poisson, rate_rps: 9}, input_tokens: 50, output_tokens: 5}
                """;
        List<String> a2 = signatures(run(two, 200, AMPLE_POOL).requests(), 0);
        List<String> a3 = signatures(run(three, 200, AMPLE_POOL).requests(), 0);
        assertTrue(a2.size() > 800);
        assertEquals(a2, a3);
    }

    /** Arrival and sizes of the requests of one class, in arrival order. */
    private static List<String> signatures(List<Request> requests, int classIndex) {
        return requests.stream().filter(r -> r.classIndex() == classIndex)
                .sorted(Comparator.comparingDouble(Request::arrivalS))
                .map(r -> r.arrivalS() + ":" + r.inputTokens() + "/" + r.outputTokens()).toList();
    }

    @Test
    void sessionTurns_carryTheirGrowingContext() {
        // given 4-turn sessions with a 200-token system prompt (counted in input_tokens), 2 s of thinking between an
        // answer and the next turn
        var run = run("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: uniform, min: 250, max: 300}
                output_tokens: {dist: uniform, min: 20, max: 40}
                shared_prefix: {tokens: 200}
                sessions: {turns: 4, think_time_s: 2}
                """, 300, AMPLE_POOL);
        Map<Long, List<Request>> sessions = run.requests().stream().collect(Collectors.groupingBy(Request::contextId));
        int complete = 0;
        long prefixId = run.requests().get(0).prefixId();
        for (List<Request> turns : sessions.values()) {
            turns.sort(Comparator.comparingDouble(Request::arrivalS));
            assertTrue(turns.get(0).contextId() >= 0, "a session id, not a per-request context");
            assertTrue(turns.size() <= 4);
            complete += turns.size() == 4 ? 1 : 0;
            Request first = turns.get(0);
            assertTrue(first.inputTokens() >= 250 && first.inputTokens() <= 300, "a whole first prompt");
            assertEquals(200, first.prefixTokens());
            for (int k = 1; k < turns.size(); k++) {
                Request before = turns.get(k - 1);
                Request now = turns.get(k);
                // turn k's prompt = turn k-1's prompt + its answer + a new input of 50-100 tokens (a draw minus the
                // prefix)
                long added = now.inputTokens() - (long) before.inputTokens() - before.outputTokens();
                assertTrue(added >= 50 && added <= 100, "new input " + added);
                assertEquals(before.finishS() + 2.0, now.arrivalS(), 1e-9, "sent 2 s after the answer");
                assertEquals(200, now.prefixTokens());
                assertEquals(prefixId, now.prefixId(), "one system prompt for the class");
            }
        }
        assertTrue(sessions.size() > 200, "sessions started at ~1/s");
        assertTrue(complete > sessions.size() * 0.9, "almost every session runs its 4 turns before arrivals stop");
    }

    @Test
    void closedLoopUsers_keepAtMostTheirNumberInFlight_andThinkAfterEachAnswer() {
        // given 8 users with 1 s of think time on one replica
        var run = run("""
                arrival: {process: closed_loop, users: 8, think_time_s: 1}
                input_tokens: {dist: uniform, min: 100, max: 2000}
                output_tokens: {dist: uniform, min: 20, max: 300}
                """, 300, "{gpu: h100-sxm, model: llama-3.1-8b}");
        List<Request> requests = run.requests();
        // then at most 8 requests are ever in flight, and all 8 are at the start
        TreeMap<Double, Integer> changes = new TreeMap<>();
        for (Request r : requests) {
            changes.merge(r.arrivalS(), 1, Integer::sum);
            if (r.status() == RequestStatus.COMPLETED) {
                changes.merge(r.finishS(), -1, Integer::sum);
            }
        }
        int inFlight = 0;
        int peak = 0;
        for (int delta : changes.values()) {
            inFlight += delta;
            peak = Math.max(peak, inFlight);
        }
        assertEquals(8, peak);
        // and every later request is sent exactly one think time after an answer
        Set<Double> answered = new HashSet<>();
        requests.stream().filter(r -> r.status() == RequestStatus.COMPLETED).forEach(r -> answered.add(r.finishS()
                + 1.0));
        long atStart = requests.stream().filter(r -> r.arrivalS() == 0).count();
        assertEquals(8, atStart);
        for (Request r : requests) {
            assertTrue(r.arrivalS() == 0 || answered.contains(r.arrivalS()), "request " + r.id());
        }
        // and throughput follows the interactive response time law X = N / (R + Z)
        RunResult result = run.result();
        double law = 8 / (result.e2e().mean() + 1.0);
        assertEquals(law, result.throughput().requestsPerS(), law * 0.03);
    }

    @Test
    void closedLoopSessions_chainTurnsThenStartTheNextSession() {
        var run = run("""
                arrival: {process: closed_loop, users: 3, think_time_s: {dist: exponential, mean: 5}}
                input_tokens: 200
                output_tokens: 50
                sessions: {turns: {dist: uniform, min: 2, max: 6}, think_time_s: 0.5}
                """, 400, AMPLE_POOL);
        Map<Long, List<Request>> sessions = run.requests().stream().collect(Collectors.groupingBy(Request::contextId));
        assertTrue(sessions.size() > 30);
        for (List<Request> turns : sessions.values()) {
            assertTrue(turns.size() <= 6);
        }
        assertTrue(sessions.values().stream().anyMatch(t -> t.size() == 6));
    }

    @Test
    void zipfPopularity_givesTheAnalyticTopKMass() {
        for (double s : new double[] {1.0, 0.8}) {
            ContentPopularity p = new ContentPopularity(new org.llmsim.scenario.PopularitySpec.Zipf(1000, s, 4, null),
                    "faq", new org.llmsim.kernel.RandomStreams(5).stream("zipf"));
            Set<Long> top = new HashSet<>();
            for (int rank = 1; rank <= 10; rank++) {
                top.add(p.groupOf(rank));
            }
            int n = 200_000;
            int inTop = 0;
            Set<Long> keys = new HashSet<>();
            for (int i = 0; i < n; i++) {
                p.draw();
                inTop += top.contains(p.group()) ? 1 : 0;
                if (p.group() == p.groupOf(1)) {
                    keys.add(p.key());
                }
            }
            double mass = harmonic(10, s) / harmonic(1000, s);
            assertEquals(mass, (double) inTop / n, 4 * Math.sqrt(mass * (1 - mass) / n), "exponent " + s);
            assertEquals(4, keys.size(), "the top item is asked in its 4 wordings");
        }
    }

    private static double harmonic(int n, double s) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -s);
        }
        return h;
    }

    @Test
    void sameContent_sameLengths_andClassesNamingACatalogueShareIt() {
        var run = run("""
                arrival: {process: poisson, rate_rps: 40}
                input_tokens: {dist: lognormal, mean: 500, stddev: 300}
                output_tokens: {dist: lognormal, mean: 100, stddev: 80}
                popularity: {dist: zipf, items: 50, paraphrases: 2, catalogue: faq}
                classes:
                  - {name: free, share: 0.5}
                  - {name: paid, share: 0.5}
                """, 100, AMPLE_POOL);
        Map<Long, String> sizesByKey = new HashMap<>();
        Map<Long, Set<Integer>> classesByGroup = new HashMap<>();
        for (Request r : run.requests()) {
            assertTrue(r.contentKey() >= 0 && r.paraphraseGroup() >= 0);
            String sizes = r.inputTokens() + "/" + r.outputTokens();
            assertEquals(sizesByKey.computeIfAbsent(r.contentKey(), k -> sizes), sizes, "same prompt, same lengths");
            classesByGroup.computeIfAbsent(r.paraphraseGroup(), g -> new HashSet<>()).add(r.classIndex());
        }
        assertTrue(sizesByKey.size() <= 100);
        assertTrue(classesByGroup.values().stream().anyMatch(c -> c.size() == 2), "both classes ask the same items");
    }

    @Test
    void requestBucket_rejectsAboveTheConfiguredRate() {
        // given 10 req/s against 120 requests/min (2 req/s) with the default one-minute burst
        var run = run("""
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: 100
                output_tokens: 10
                rate_limit: {requests_per_min: 120}
                """, 600, AMPLE_POOL);
        RunResult.RequestCounts n = run.result().requests();
        long admitted = n.arrived() - n.rejected();
        // then the burst of 120 plus 2 per second get through, the rest is refused
        assertEquals(120 + 2 * 600, admitted, 3);
        assertEquals(Map.of("rate_limit_requests", n.rejected()), n.rejectedByReason());
        assertConservation(n);
        for (Request r : run.requests()) {
            if (r.status() == RequestStatus.REJECTED) {
                assertEquals(-1, r.replica(), "refused at the door, never routed");
            }
        }
    }

    @Test
    void tokenBuckets_perClassAndOverall_rejectAtTheirRates() {
        // given 1,000-token requests; the chat class may use 60,000 tokens/min (1 req/s), everyone 180 requests/min
        var run = run("""
                input_tokens: 900
                output_tokens: 100
                rate_limit: {requests_per_min: 180, burst_requests: 10}
                classes:
                  - name: chat
                    arrival: {process: poisson, rate_rps: 8}
                    rate_limit: {tokens_per_min: 60000, burst_tokens: 5000}
                  - name: api
                    arrival: {process: poisson, rate_rps: 8}
                """, 600, AMPLE_POOL);
        RunResult.ClassResult chat = run.result().classes().get(0);
        RunResult.ClassResult api = run.result().classes().get(1);
        long chatAdmitted = chat.requests().arrived() - chat.requests().rejected();
        long allAdmitted = run.result().requests().arrived() - run.result().requests().rejected();
        // the overall limit admits 10 + 3/s; the chat bucket admits at most 5 + 1/s of them
        assertEquals(10 + 3 * 600, allAdmitted, 3);
        assertTrue(chatAdmitted <= 5 + 600 + 1);
        assertTrue(chatAdmitted > 500, "chat gets most of its token budget: " + chatAdmitted);
        assertTrue(chat.requests().rejectedByReason().containsKey("rate_limit_tokens"));
        assertTrue(api.requests().rejectedByReason().containsKey("rate_limit_requests"));
        assertConservation(run.result().requests());
    }

    @Test
    void admissionTimeout_dropsRequestsThatWaitTooLong() {
        // given an overloaded replica and a 2 s admission timeout
        var run = run("""
                arrival: {process: poisson, rate_rps: 40}
                input_tokens: 4000
                output_tokens: 200
                admission_timeout_s: 2
                """, 60, "{gpu: l40s, model: llama-3.1-8b}");
        RunResult.RequestCounts n = run.result().requests();
        assertTrue(n.rejectedByReason().getOrDefault("admission_timeout", 0L) > 100, n.toString());
        assertConservation(n);
        for (Request r : run.requests()) {
            if (!Double.isNaN(r.scheduledS())) {
                assertTrue(r.queueS() <= 2.0 + 1e-9, "admitted within the timeout: " + r.queueS());
            } else {
                assertFalse(r.status() == RequestStatus.COMPLETED);
            }
        }
    }

    @Test
    void maxTokens_capsOutputs_andADeadlineIsReportedPerClass() {
        var run = run("""
                arrival: {process: poisson, rate_rps: 5}
                input_tokens: 300
                output_tokens: 500
                classes:
                  - {name: capped, share: 0.5, max_tokens: 64, slo: {e2e_s: 10}}
                  - {name: batch, share: 0.5, priority: 5, slo: {deadline_s: 3.0}}
                """, 200, "{gpu: h100-sxm, model: llama-3.1-8b}");
        List<Request> capped = byClass(run.requests()).get(0);
        assertTrue(capped.stream().allMatch(r -> r.outputTokens() == 64));
        assertTrue(byClass(run.requests()).get(1).stream().allMatch(r -> r.outputTokens() == 500
                && r.priority() == 5));
        RunResult.ClassResult batch = run.result().classes().get(1);
        List<Request> batchDone = byClass(run.requests()).get(1);
        double inTime = batchDone.stream().filter(r -> r.status() == RequestStatus.COMPLETED && r.e2eS() <= 3.0)
                .count() / (double) batchDone.size();
        assertEquals(inTime, batch.slo().deadlineAttainment(), 1e-12);
        assertEquals(3.0, batch.slo().deadlineS());
        assertEquals(inTime, batch.slo().attainment(), 1e-12);
        assertEquals(5, batch.priority());
    }

    @Test
    void replayingAFixtureTrace_reproducesItsArrivalsAndLengthsExactly() throws Exception {
        var fixture = TestScenarios.home().resolve("sim/src/test/resources/traces/vidur.csv");
        List<String> lines = java.nio.file.Files.readAllLines(fixture);
        var run = run("trace: {path: sim/src/test/resources/traces/vidur.csv, format: vidur}", 1e9, AMPLE_POOL,
                "duration_s=1000");
        List<Request> requests = new ArrayList<>(run.requests());
        requests.sort(Comparator.comparingLong(Request::id));
        assertEquals(lines.size() - 1, requests.size());
        for (int i = 0; i < requests.size(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(Double.parseDouble(cells[0]), requests.get(i).arrivalS(), 0.0);
            assertEquals(Integer.parseInt(cells[1]), requests.get(i).inputTokens());
            assertEquals(Integer.parseInt(cells[2]), requests.get(i).outputTokens());
        }
        // twice as fast: every arrival at half the time
        var fast = run("trace: {path: sim/src/test/resources/traces/vidur.csv, speedup: 2}", 1e9, AMPLE_POOL,
                "duration_s=1000");
        List<Request> fastRequests = new ArrayList<>(fast.requests());
        fastRequests.sort(Comparator.comparingLong(Request::id));
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(requests.get(i).arrivalS() / 2, fastRequests.get(i).arrivalS(), 1e-12);
        }
    }

    @Test
    void aTraceWithoutDuration_isReplayedToItsLastRow() {
        var scenario = TestScenarios.load("""
                name: t
                workload:
                  trace: {path: sim/src/test/resources/traces/azure-2023.csv}
                cluster:
                  pools: [{gpu: h100-sxm, model: llama-3.2-1b}]
                """);
        var run = TestScenarios.runRecording(scenario);
        assertEquals(40, run.requests().size());
        assertEquals(scenario.workload().sharedTrace().lastArrivalS(), run.requests().stream()
                .mapToDouble(Request::arrivalS).max().orElseThrow(), 0.0);
        assertTrue(scenario.spec().durationS() > scenario.workload().sharedTrace().lastArrivalS());
        assertEquals(0.0, run.requests().stream().mapToDouble(Request::arrivalS).min().orElseThrow());
    }

    @Test
    void traceRows_goToTheirClass_andKeepTheirSessionsAndPrefixes() {
        var run = run("""
                trace: {path: sim/src/test/resources/traces/generic.csv}
                classes:
                  - {name: chat, share: 0.5, priority: 0}
                  - {name: batch, share: 0.5, priority: 9, max_tokens: 30}
                """, 10, AMPLE_POOL);
        List<Request> r = new ArrayList<>(run.requests());
        r.sort(Comparator.comparingLong(Request::id));
        assertEquals(7, r.size());
        assertEquals(List.of(0, 1, 0), List.of(r.get(0).classIndex(), r.get(1).classIndex(), r.get(2).classIndex()));
        assertEquals(9, r.get(1).priority());
        assertEquals(30, r.get(1).outputTokens(), "max_tokens caps a traced output");
        assertEquals(16, r.get(4).outputTokens());
        assertEquals(r.get(0).contextId(), r.get(2).contextId());
        assertEquals(r.get(0).contextId(), r.get(5).contextId());
        assertTrue(r.get(6).contextId() != r.get(0).contextId());
        assertEquals(1000, r.get(2).prefixTokens());
        assertEquals(r.get(0).prefixId(), r.get(6).prefixId());
        assertEquals(1536, r.get(4).prefixTokens());
        assertEquals(2.0, r.get(3).arrivalS());
        assertEquals(2.0, r.get(4).arrivalS());
    }

    @Test
    void aClassReplaysItsOwnTrace_besideAGeneratedClass() {
        var run = run("""
                classes:
                  - {name: replayed, arrival: {process: trace},
                     trace: {path: sim/src/test/resources/traces/splitwise.csv, rate_rps: 20}}
                  - {name: synthetic, arrival: {process: onoff, on_rate_rps: 20, mean_on_s: 1, mean_off_s: 3},
                     input_tokens: 64, output_tokens: 16}
                """, 100, AMPLE_POOL);
        Map<Integer, List<Request>> classes = byClass(run.requests());
        assertEquals(40, classes.get(0).size());
        double last = classes.get(0).stream().mapToDouble(Request::arrivalS).max().orElseThrow();
        assertEquals(40 / 20.0, last, 1e-9, "rescaled to 20 req/s");
        assertTrue(classes.get(1).size() > 300);
    }
}
