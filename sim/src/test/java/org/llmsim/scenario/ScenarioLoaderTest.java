package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmsim.engine.BatchingPolicy;
import org.llmsim.hardware.Dtype;
import org.llmsim.testing.TestScenarios;

class ScenarioLoaderTest {
    private static final String VALID = """
            name: ok
            duration_s: 100
            workload:
              arrival: {process: poisson, rate_rps: 5}
              input_tokens: {dist: fixed, value: 500}
              output_tokens: {dist: fixed, value: 100}
            cluster:
              pools:
                - gpu: h100-sxm
                  model: llama-3.1-8b
            """;

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TestScenarios.home().resolve("scenarios"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyScenarioInTheRepository_loadsAndValidates(Path file) {
        Scenario s = new ScenarioLoader(TestScenarios.catalog()).load(file, List.of());
        assertFalse(s.pools().isEmpty() && s.providers().isEmpty());
        assertTrue(s.spec().description() != null && !s.spec().description().isBlank(),
                "every scenario states its question in description");
    }

    @Test
    void defaults_fillWhatTheFileLeavesOut() {
        Scenario s = TestScenarios.load(VALID);
        assertEquals(42L, s.seed());
        assertEquals(0.0, s.spec().warmupS());
        assertEquals(100.0, s.spec().drainTimeoutS());
        assertEquals("least_outstanding", s.spec().cluster().router().policy());
        PoolPlan pool = s.pools().get(0);
        assertEquals("pool-0", pool.name());
        assertEquals(1, pool.replicas());
        assertEquals(Dtype.BF16, pool.hardware().weightDtype());
        // vLLM V1's defaults on an 80 GB H100: chunked prefill, 1,024 sequences, 8,192 tokens, prefix caching
        assertEquals(BatchingPolicy.CHUNKED_PREFILL, pool.scheduler().policy());
        assertEquals(1024, pool.scheduler().maxBatchSize());
        assertEquals(8192, pool.scheduler().maxBatchedTokens());
        assertEquals(16, pool.scheduler().blockSize());
        assertTrue(pool.scheduler().prefixCaching());
        assertEquals(0.9, pool.memory().usableBytesPerGpu() / TestScenarios.gpu("h100-sxm").memoryBytes(), 1e-12);
        assertTrue(s.spec().workload().slo().isEmpty());
    }

    @Test
    void setOverrides_reachListEntriesAndAreValidatedLikeFileValues() {
        Scenario s = TestScenarios.load(VALID, "cluster.pools[0].replicas=8", "workload.arrival.rate_rps=30",
                "workload.slo.ttft_s=0.5");
        assertEquals(8, s.pools().get(0).replicas());
        assertEquals(30.0, s.spec().workload().arrival().meanRateRps());
        assertEquals(0.5, s.spec().workload().slo().ttftS());
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[0].replicas=0"));
        assertEquals("inline.yaml: cluster.pools[0].replicas: must be >= 1, got 0 (value from --set)",
                e.getMessage());
    }

    @Test
    void setOverride_withAMissingIndexOrNoEquals_isAnError() {
        InputException missing = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[3].replicas=2"));
        assertEquals("--set cluster.pools[3].replicas=2: cluster.pools has 1 entry; index 3 does not exist",
                missing.getMessage());
        assertThrows(InputException.class, () -> TestScenarios.load(VALID, "cluster.pools[0].replicas"));
        InputException huge = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[99999999999].replicas=2"));
        assertEquals("--set cluster.pools[99999999999].replicas=2: index 99999999999 does not exist (no list is that "
                + "long)", huge.getMessage());
    }

    private static InputError onlyError(String yaml) {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    @Test
    void malformedYaml_namesTheLine() {
        InputError e = onlyError("name: x\nduration_s: 10\nworkload: [unclosed\n");
        assertEquals("inline.yaml", e.file());
        assertTrue(e.line() != null && e.line() >= 3, e.toString());
        assertTrue(e.message().startsWith("malformed YAML"), e.message());
    }

    @Test
    void nanAndInfinity_areNamedWithTheirField_notCalledMalformed() {
        InputError nan = onlyError(VALID.replace("rate_rps: 5", "rate_rps: .nan"));
        assertEquals("inline.yaml:4: workload.arrival.rate_rps: must be a finite number, got '.nan'", nan.toString());
        InputError inf = onlyError(VALID.replace("duration_s: 100", "duration_s: .inf"));
        assertEquals("inline.yaml:2: duration_s: must be a finite number, got '.inf'", inf.toString());
        // a literal too large for a double reads as infinity
        InputError huge = onlyError(VALID.replace("rate_rps: 5", "rate_rps: 1e400"));
        assertEquals("inline.yaml:4: workload.arrival.rate_rps: must be a finite number > 0, got Infinity",
                huge.toString());
    }

    @Test
    void twoDocuments_areNamedAsSuch_withoutParserJargon() {
        InputError e = onlyError(VALID + "---\nname: second\n");
        assertEquals("inline.yaml:12: holds more than one YAML document (a '---' line ends the first); a file holds "
                + "one scenario or profile: remove the second document or split the file", e.toString());
    }

    @Test
    void aKeyGivenTwice_isNamedAsSuch() {
        InputError e = onlyError(VALID.replace("duration_s: 100", "duration_s: 100\nduration_s: 200"));
        assertEquals("inline.yaml:3: duration_s: is given twice; keep one", e.toString());
    }

    @Test
    void aProfilePathThatIsADirectory_isNamedAsSuch() {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[0].gpu=gpu-profiles/gpus/"));
        assertTrue(e.getMessage().startsWith("inline.yaml: cluster.pools[0].gpu: GPU profile path is a directory: "),
                e.getMessage());
    }

    @Test
    void aBrokenSetValue_isNamedAsUnreadable_notAsAMissingField() {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "workload.input_tokens={dist: fixed, value: [}"));
        assertEquals("--set workload.input_tokens={dist: fixed, value: [}: cannot read the value as a YAML mapping "
                + "(while parsing a flow node); write it like {dist: fixed, value: 512}", e.getMessage());
    }

    @Test
    void unknownField_namesPathLineAndTheAllowedFields() {
        InputError e = onlyError(VALID.replace("      model: llama-3.1-8b", "      model: llama-3.1-8b\n"
                + "      replica: 3"));
        assertEquals("cluster.pools[0].replica", e.path());
        assertEquals(11, e.line());
        assertTrue(e.message().startsWith("unknown field 'replica'; allowed: "), e.message());
        assertTrue(e.message().contains("replicas"), e.message());
    }

    @Test
    void everyUnknownFieldOfAFile_isReported_inTheOrderOfItsLines() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(VALID
                .replace("name: ok", "nme: ok").replace("duration_s: 100", "duration_s: 100\nwarmup: 10")
                .replace("  - gpu: h100-sxm", "  - gpu: h100-sxm\n      replica: 2")));
        assertEquals(List.of("inline.yaml:1: nme: unknown field 'nme'; allowed: cluster, description, "
                        + "drain_timeout_s, duration_s, economics, faults, fleet, max_requests, name, output, plan, "
                        + "seed, warmup_s, workload",
                "inline.yaml:3: warmup: unknown field 'warmup'; allowed: cluster, description, drain_timeout_s, "
                        + "duration_s, economics, faults, fleet, max_requests, name, output, plan, seed, warmup_s, "
                        + "workload"),
                e.errors().subList(0, 2).stream().map(InputError::toString).toList());
        assertEquals(3, e.errors().size(), e.getMessage());
        assertEquals("cluster.pools[0].replica", e.errors().get(2).path());
        assertEquals(11, e.errors().get(2).line());

        // unknown fields holding lists and mappings are named by their own paths too
        InputException nested = assertThrows(InputException.class, () -> TestScenarios.load(VALID
                .replace("name: ok", "name: ok\nextras: [[1, 2], [3]]")
                .replace("  - gpu: h100-sxm", "  - gpu: h100-sxm\n      tuning: {a: [1]}")));
        assertEquals(List.of("inline.yaml:2: extras", "inline.yaml:11: cluster.pools[0].tuning"),
                nested.errors().stream().map(err -> err.file() + ":" + err.line() + ": " + err.path()).toList());
    }

    @Test
    void aFieldLeftOverByAKindThatTakesNone_saysSo_insteadOfAnEmptyList() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(VALID.replace(
                "{process: poisson, rate_rps: 5}", "{process: trace, rate_rps: 5}")));
        // with the other problems of a trace scenario without its trace
        assertEquals("inline.yaml:4: workload.arrival.rate_rps: unknown field 'rate_rps'; process: trace takes no "
                + "other fields", e.errors().stream().filter(err -> "workload.arrival.rate_rps".equals(err.path()))
                        .findFirst().orElseThrow().toString(), e.getMessage());
    }

    @Test
    void unknownProfiles_areNamedWithTheirLine_everyOneOfThem() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(VALID
                .replace("gpu: h100-sxm", "gpu: h100-xx")
                .replace("model: llama-3.1-8b", "model: ./no-such-model.yaml")));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertEquals("inline.yaml:9: cluster.pools[0].gpu: unknown GPU profile 'h100-xx'; known: a100-80gb, a10g, "
                + "b200, b300, gb200, h100-sxm, h20, h200, h800, l4, l40s, mi300x, mi325x, mi355x, rtx-pro-6000 "
                + "(or give a path to a profile .yaml file)",
                e.errors().get(0).toString());
        assertEquals(10, e.errors().get(1).line());
        assertTrue(e.errors().get(1).message().startsWith("model profile file not found: "), e.getMessage());
        InputException set = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[0].gpu=h100-xx"));
        assertTrue(set.getMessage().startsWith("inline.yaml: cluster.pools[0].gpu: unknown GPU profile 'h100-xx'"),
                set.getMessage());
        assertTrue(set.getMessage().endsWith("(value from --set)"), set.getMessage());
    }

    @Test
    void messages_stayOnOneLine_andSendNoControlCharactersToTheTerminal() {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID, "cluster.pools[0].gpu=h100\u001b[31mred\nline"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(
                "inline.yaml: cluster.pools[0].gpu: unknown GPU profile 'h100?[31mred?line'"),
                e.getMessage());
    }

    @Test
    void unknownDistribution_listsTheAllowedOnes() {
        InputError e = onlyError(VALID.replace("{dist: fixed, value: 500}", "{dist: normal, value: 500}"));
        assertEquals("workload.input_tokens", e.path());
        assertEquals(5, e.line());
        assertEquals("unknown dist 'normal'; allowed: fixed, uniform, lognormal, empirical", e.message());
    }

    @Test
    void negativeRate_isRejectedWithTheValue() {
        InputError e = onlyError(VALID.replace("rate_rps: 5", "rate_rps: -2"));
        assertEquals("workload.arrival.rate_rps", e.path());
        assertEquals(4, e.line());
        assertEquals("must be > 0, got -2", e.message());
    }

    @Test
    void zeroReplicas_isRejected() {
        InputError e = onlyError(VALID.replace("model: llama-3.1-8b", "model: llama-3.1-8b\n      replicas: 0"));
        assertEquals("cluster.pools[0].replicas", e.path());
        assertEquals(11, e.line());
        assertEquals("must be >= 1, got 0", e.message());
    }

    @Test
    void wrongType_saysWhatWasExpected() {
        InputError e = onlyError(VALID.replace("rate_rps: 5", "rate_rps: fast"));
        assertEquals("workload.arrival.rate_rps", e.path());
        assertEquals("expected a number, got 'fast'", e.message());
        InputError fractional = onlyError(VALID.replace("model: llama-3.1-8b",
                "model: llama-3.1-8b\n      replicas: 2.5"));
        assertEquals("cluster.pools[0].replicas", fractional.path());
    }

    @Test
    void unknownEnumValue_listsTheAllowedOnes() {
        InputError e = onlyError(VALID.replace("model: llama-3.1-8b",
                "model: llama-3.1-8b\n      scheduler: {policy: greedy}"));
        assertEquals("cluster.pools[0].scheduler.policy", e.path());
        assertEquals("unknown value 'greedy'; allowed: continuous, chunked_prefill, prefill_first, static, dynamic", e.message());
    }

    @Test
    void unknownGpuId_listsTheKnownProfiles() {
        InputError e = onlyError(VALID.replace("gpu: h100-sxm", "gpu: h100"));
        assertEquals("cluster.pools[0].gpu", e.path());
        assertTrue(e.message().startsWith("unknown GPU profile 'h100'; known: a100-80gb, a10g, b200"),
                e.message());
    }

    @Test
    void modelThatDoesNotFit_explainsTheMemoryArithmeticAndSuggestsAFix() {
        InputError e = onlyError(VALID.replace("model: llama-3.1-8b", "model: llama-3.1-70b"));
        assertEquals("cluster.pools[0]", e.path());
        assertTrue(e.message().startsWith("llama-3.1-70b (141.1 GB of weights) does not fit on 1x h100-sxm"),
                e.message());
        assertTrue(e.message().contains("try tensor_parallel: 4"), e.message());
    }

    @Test
    void missingRequiredFields_areAllReportedAtOnce() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load("""
                workload:
                  arrival: {process: poisson}
                cluster:
                  pools:
                    - gpu: h100-sxm
                """));
        List<String> paths = e.errors().stream().map(InputError::path).toList();
        assertEquals(List.of("duration_s", "workload.arrival.rate_rps", "workload.input_tokens",
                "workload.output_tokens", "cluster.pools[0].model"), paths);
    }

    @Test
    void missingFile_isAClearError() {
        InputException e = assertThrows(InputException.class, () -> new ScenarioLoader(TestScenarios.catalog())
                .load(Path.of("no/such/scenario.yaml"), List.of()));
        assertEquals("no/such/scenario.yaml: file not found", e.getMessage());
    }

    @Test
    void profileByPath_isResolvedAgainstTheScenarioDirectory(@TempDir Path dir) throws IOException {
        Path gpu = TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml");
        Files.writeString(dir.resolve("my-gpu.yaml"), Files.readString(gpu).replace("id: h100-sxm\n", "")
                .replace("price_usd_per_hour: 3.99", "price_usd_per_hour: 2.00"));
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, VALID.replace("gpu: h100-sxm", "gpu: ./my-gpu.yaml"));
        Scenario s = new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of());
        assertEquals("my-gpu", s.pools().get(0).hardware().gpu().id());
        assertEquals(2.0, s.pools().get(0).hardware().gpu().priceUsdPerHour());
    }

    @Test
    void profileWithEfficiencyAboveOne_isRejected_andAPercentageGetsAHint(@TempDir Path dir) throws IOException {
        Path gpu = TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml");
        Files.writeString(dir.resolve("fast.yaml"), Files.readString(gpu).replace("id: h100-sxm\n", "")
                .replaceFirst("(?m)^memory_efficiency: .*$", "memory_efficiency: 90"));
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, VALID.replace("gpu: h100-sxm", "gpu: fast.yaml"));
        InputException e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of()));
        InputError err = e.errors().get(0);
        assertEquals(dir.resolve("fast.yaml").toString(), err.file());
        assertEquals("memory_efficiency", err.path());
        assertEquals("must be a fraction in (0, 1], got 90 (did you mean 0.9?)", err.message());
        assertTrue(err.line() != null && err.line() > 1);
    }

    @Test
    void sourceLines_indexNestedFieldsAndListEntries() {
        SourceLines lines = SourceLines.index(VALID);
        assertEquals(2, lines.lineOf("duration_s"));
        assertEquals(4, lines.lineOf("workload.arrival.rate_rps"));
        assertEquals(9, lines.lineOf("cluster.pools[0]"));
        assertEquals(10, lines.lineOf("cluster.pools[0].model"));
        assertEquals(10, lines.lineOf("cluster.pools[0].model.nonexistent"));
        assertNull(lines.lineOf("nowhere"));
    }

    @Test
    void servingMechanics_fieldsResolveIntoTheSchedulerConfig() {
        Scenario s = TestScenarios.load(VALID.replace("model: llama-3.1-8b", """
                model: llama-3.1-8b
                      prefix_caching: true
                      preemption: swap
                      swap_space_gb: 8
                      scheduler: {policy: chunked_prefill, order: priority}"""));
        var config = s.pools().get(0).scheduler();
        assertEquals(BatchingPolicy.CHUNKED_PREFILL, config.policy());
        assertEquals(org.llmsim.engine.SchedulingOrder.PRIORITY, config.order());
        assertEquals(org.llmsim.engine.PreemptionMode.SWAP, config.preemption());
        assertTrue(config.prefixCaching());
        assertEquals(8e9, config.swapSpaceBytesPerGpu());
        assertEquals(8192, config.maxBatchedTokens(), "chunked prefill does not stretch the budget to the prompt");
        Scenario defaults = TestScenarios.load(VALID);
        assertEquals(4.0 * (1L << 30), defaults.pools().get(0).scheduler().swapSpaceBytesPerGpu());
        assertTrue(defaults.pools().get(0).scheduler().prefixCaching(), "vLLM V1 caches prefixes by default");
        Scenario trtllm = TestScenarios.load(VALID, "cluster.pools[0].engine=trtllm");
        assertFalse(trtllm.pools().get(0).scheduler().prefixCaching(), "TensorRT-LLM's KV reuse is off by default");
        assertEquals(BatchingPolicy.CONTINUOUS, trtllm.pools().get(0).scheduler().policy());
        assertEquals(64, trtllm.pools().get(0).scheduler().blockSize());
    }

    @Test
    void dynamicBatching_needsMaxWait_andOtherPoliciesRejectIt() {
        InputError missing = onlyError(VALID.replace("model: llama-3.1-8b",
                "model: llama-3.1-8b\n      scheduler: {policy: dynamic}"));
        assertEquals("cluster.pools[0].scheduler.max_wait_s", missing.path());
        assertEquals("is required", missing.message());
        InputError stray = onlyError(VALID.replace("model: llama-3.1-8b",
                "model: llama-3.1-8b\n      scheduler: {max_wait_s: 0.1}"));
        assertEquals("only applies to policy: dynamic, got policy: chunked_prefill", stray.message());
    }

    @Test
    void chunkedPrefill_budgetBelowTheBatchSize_isRejected() {
        InputError e = onlyError(VALID.replace("model: llama-3.1-8b", "model: llama-3.1-8b\n"
                + "      scheduler: {policy: chunked_prefill, max_batch_size: 256, max_batched_tokens: 128}"));
        assertEquals("cluster.pools[0].scheduler.max_batched_tokens", e.path());
        assertTrue(e.message().startsWith("must be >= max_batch_size (256)"), e.message());
    }

    @Test
    void sharedPrefix_longerThanTheShortestPrompt_isRejectedWithTheFix() {
        InputError e = onlyError(VALID.replace("  output_tokens:", "  shared_prefix: {tokens: 500, groups: 3}\n"
                + "  output_tokens:"));
        assertEquals("workload.shared_prefix.tokens", e.path());
        assertEquals("must be less than the shortest prompt (input_tokens can be 500 tokens), got 500; input_tokens "
                + "counts the whole prompt, prefix included: raise its min (or value) to at least 501", e.message());
        Scenario ok = TestScenarios.load(VALID.replace("  output_tokens:", "  shared_prefix: {tokens: 499}\n"
                + "  output_tokens:"));
        assertEquals(1, ok.spec().workload().sharedPrefix().groups());
    }

    @Test
    void pcieEfficiencyGivenAsAPercentage_isRejectedWithAHint(@TempDir Path tmp)
            throws IOException {
        Path gpu = tmp.resolve("my-gpu.yaml");
        Files.writeString(gpu, Files.readString(TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml"))
                .replace("id: h100-sxm", "id: my-gpu").replace("pcie_efficiency: 0.81", "pcie_efficiency: 81"));
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID.replace("gpu: h100-sxm", "gpu: " + gpu)));
        assertTrue(e.getMessage().contains("pcie_efficiency: must be a fraction in (0, 1], got 81 (did you mean 0.81?)"),
                e.getMessage());
        assertEquals(1.0, TestScenarios.gpu("b200").pcieEfficiencyOrOne(), "missing means the ideal link");
    }

    @Test
    void typeErrors_nonFiniteValues_unknownFields_andRangeErrors_areAllReportedAtOnce_byLine() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(VALID
                .replace("duration_s: 100", "duration_s: 100\ndurration_s: 5")
                .replace("rate_rps: 5}", "rate_rps: ten}")
                .replace("output_tokens: {dist: fixed, value: 100}", "output_tokens: {dist: fixed, value: .nan}")
                .replace("model: llama-3.1-8b", "model: llama-3.1-8b\n      replicas: -3")));
        assertEquals(List.of(
                "inline.yaml:3: durration_s: unknown field 'durration_s'; allowed: cluster, description, "
                        + "drain_timeout_s, duration_s, economics, faults, fleet, max_requests, name, output, plan, "
                        + "seed, warmup_s, workload",
                "inline.yaml:5: workload.arrival.rate_rps: expected a number, got 'ten'",
                "inline.yaml:7: workload.output_tokens.value: must be a finite number, got '.nan'",
                "inline.yaml:12: cluster.pools[0].replicas: must be >= 1, got -3"),
                e.errors().stream().map(InputError::toString).toList());
    }

    @Test
    void aFieldRefusedForItsType_isNotAlsoReportedAsMissing() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(VALID
                .replace("model: llama-3.1-8b", "model: [llama-3.1-8b]\n      replicas: 0")
                .replace("arrival: {process: poisson, rate_rps: 5}", "arrival: 5")));
        // both fields are required: what was bound without them does not have them, which is no news
        assertEquals(List.of("inline.yaml:4: workload.arrival: missing 'process'; one of: poisson, gamma, diurnal, "
                + "piecewise, onoff, closed_loop, trace", "inline.yaml:10: cluster.pools[0].model: expected a text value",
                "inline.yaml:11: cluster.pools[0].replicas: must be >= 1, got 0"),
                e.errors().stream().map(InputError::toString).toList());
    }

    @Test
    void aProfileFile_reportsItsTypeErrorsWithItsOtherProblems(@TempDir Path tmp) throws IOException {
        Path gpu = tmp.resolve("my-gpu.yaml");
        Files.writeString(gpu, Files.readString(TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml"))
                .replace("id: h100-sxm", "id: my-gpu\nmemroy_gb: 80")
                .replace("pcie_efficiency: 0.81", "pcie_efficiency: 81")
                .replaceFirst("bf16_tflops: [0-9.]+", "bf16_tflops: lots")
                .replaceFirst("hbm_bandwidth_tbps: [0-9.]+", "hbm_bandwidth_tbps: .inf"));
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(VALID.replace("gpu: h100-sxm", "gpu: " + gpu)));
        List<String> messages = e.errors().stream().map(err -> err.path() + ": " + err.message()).toList();
        assertEquals(List.of("memroy_gb: unknown field 'memroy_gb'", "hbm_bandwidth_tbps: must be a finite number, "
                + "got '.inf'", "bf16_tflops: expected a number, got 'lots'", "pcie_efficiency: must be a fraction in "
                + "(0, 1], got 81 (did you mean 0.81?)"), messages.stream().map(m -> m.startsWith("memroy_gb")
                        ? m.substring(0, m.indexOf(';')) : m).toList(), e.getMessage());
        assertTrue(e.errors().stream().allMatch(err -> err.file().equals(gpu.toString()) && err.line() != null),
                e.getMessage());
    }
}
