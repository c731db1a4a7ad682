package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.KvTransferResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.InputException;
import org.llmsim.testing.TestScenarios;

/** Disaggregated prefill and decode replicas against a co-located pool of the same GPUs. */
class DisaggregationTest {
    private static final String CO_LOCATED = "gpu: h100-sxm\nmodel: llama-3.1-8b\nreplicas: 4\n";
    private static final String SPLIT = "gpu: h100-sxm\nmodel: llama-3.1-8b\n"
            + "disaggregated: {prefill_replicas: 2, decode_replicas: 2}\n";

    /** Chat with now and then an 8k-token document: long prefills land among running answers. */
    private static final String MIXED = """
            arrival: {process: poisson, rate_rps: 8}
            input_tokens: {dist: empirical, values: [500, 8000], weights: [0.8, 0.2]}
            output_tokens: {dist: fixed, value: 200}
            """;

    @Test
    void disaggregation_removesPrefillInterferenceFromTpot() {
        var split = TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario(MIXED, SPLIT, 200, 20)));
        RunResult together = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(MIXED, CO_LOCATED, 200, 20)));
        RunResult apart = split.result();
        // co-located, an 8k prefill (about 0.2 s) stalls every answer running on its replica; apart, decode passes
        // never carry a prompt
        double togetherMax = ItlResult.of(together).latency().max();
        double apartMax = ItlResult.of(apart).latency().max();
        assertTrue(togetherMax > 0.15, "co-located longest gap " + togetherMax);
        assertTrue(apartMax < 0.03, "disaggregated longest gap " + apartMax);
        assertTrue(apart.tpot().p99() < 0.85 * together.tpot().p99(),
                "p99 TPOT apart " + apart.tpot().p99() + " together " + together.tpot().p99());
        // every request went through a prefill replica and finished on a decode replica
        assertEquals(apart.requests().arrived(), apart.requests().completed());
        assertEquals(apart.requests().completed(), KvTransferResult.of(apart).transfers());
        for (Request q : split.requests()) {
            assertTrue(q.replica() >= 2, "finished on a decode replica: " + q.replica());
        }
        ReplicaBehaviourTest.checkInvariants(split);
        // the same GPUs, the same bill
        assertEquals(together.cost().usdPerHour(), apart.cost().usdPerHour(), 1e-9);
        RunResult.PoolLayout layout = apart.pools().get(0).layout();
        assertEquals(2, layout.prefillReplicas());
        assertEquals("network", layout.kvLink());
    }

    @Test
    void kvTransfer_addsPromptTokensTimesKvBytesOverTheLink_toTtft() {
        // given one 8,000-token prompt at a time, so that nothing queues
        String alone = """
                arrival: {process: gamma, rate_rps: 0.2, cv: 0.01}
                input_tokens: {dist: fixed, value: 8000}
                output_tokens: {dist: fixed, value: 50}
                """;
        RunResult together = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(alone,
                "gpu: h100-sxm\nmodel: llama-3.1-8b\nreplicas: 2\n", 200, 20)));
        RunResult overNetwork = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(alone,
                "gpu: h100-sxm\nmodel: llama-3.1-8b\ndisaggregated: {prefill_replicas: 1, decode_replicas: 1}\n",
                200, 20)));
        RunResult overNvlink = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(alone,
                "gpu: h100-sxm\nmodel: llama-3.1-8b\n"
                        + "disaggregated: {prefill_replicas: 1, decode_replicas: 1, kv_link: nvlink}\n", 200, 20)));
        // then TTFT grows by the transfer: 8,000 tokens x 128 KiB of KV over 400 Gb/s (plus 5 us), or over NVLink
        double network = 8000 * 131072.0 / (400e9 / 8) + 5e-6;
        double nvlink = 8000 * 131072.0 / (3600e9 / 8) + 38e-6;
        assertEquals(network, overNetwork.ttft().mean() - together.ttft().mean(), 1e-9);
        assertEquals(nvlink, overNvlink.ttft().mean() - together.ttft().mean(), 1e-9);
        assertEquals(network, KvTransferResult.of(overNetwork).meanS(), 1e-12);
        KvTransferResult kv = KvTransferResult.of(overNetwork);
        assertEquals(8000 * 131072.0, kv.bytes() / kv.transfers(), 1e-3);
    }

    @Test
    void badSplits_areClearErrors() {
        InputException count = assertThrows(InputException.class, () -> TestScenarios.load(TestScenarios.scenario(
                MIXED, SPLIT + "replicas: 3\n", 60, 10)));
        assertTrue(count.getMessage().contains("must equal prefill_replicas + decode_replicas (4)"),
                count.getMessage());
        InputException noNetwork = assertThrows(InputException.class, () -> TestScenarios.load(
                TestScenarios.scenario(MIXED, "gpu: l40s\nmodel: llama-3.1-8b\n"
                        + "disaggregated: {prefill_replicas: 1, decode_replicas: 1}\n", 60, 10)));
        assertTrue(noNetwork.getMessage().contains("kv_link: nvlink"), noNetwork.getMessage());
        InputException policy = assertThrows(InputException.class, () -> TestScenarios.load(TestScenarios.scenario(
                MIXED, SPLIT + "scheduler: {policy: static}\n", 60, 10)));
        assertTrue(policy.getMessage().contains("iteration-level batching"), policy.getMessage());
    }
}
