package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.testing.TestScenarios;

/** The pool fields {@code engine} and {@code kv_blocks_override}, and the per-engine sets of GPU profiles. */
class EngineAndKvOverrideTest {
    static final String SCENARIO = TestScenarios.scenario("""
            arrival: {process: poisson, rate_rps: 1}
            input_tokens: {dist: fixed, value: 500}
            output_tokens: {dist: fixed, value: 100}
            """, """
            gpu: h100-sxm
            model: llama-3.1-8b
            """, 60, 0);

    @Test
    void engine_defaultsToVllmAndTheTopLevelCalibration() {
        PoolPlan pool = TestScenarios.load(SCENARIO).pools().get(0);
        assertEquals(ServingEngine.VLLM, pool.spec().engine());
        assertEquals(TestScenarios.gpu("h100-sxm").computeEfficiency(), pool.hardware().gpu().computeEfficiency());
    }

    @Test
    void engine_trtllm_usesTheProfilesTrtllmSet() {
        PoolPlan pool = TestScenarios.load(SCENARIO, "cluster.pools[0].engine=trtllm").pools().get(0);
        var set = TestScenarios.gpu("h100-sxm").engines().trtllm();
        assertEquals(set.computeEfficiency(), pool.hardware().gpu().computeEfficiency());
        assertEquals(set.iterationOverheadS(), pool.hardware().gpu().iterationOverheadS());
    }

    @Test
    void engine_withoutASetInTheProfile_fallsBackToTheTopLevel() {
        // the B200 profile has no per-engine sets
        var sets = TestScenarios.gpu("b200").engines();
        assertTrue(sets == null || sets.get(ServingEngine.SGLANG) == null);
        PoolPlan pool = TestScenarios.load(SCENARIO, "cluster.pools[0].engine=sglang", "cluster.pools[0].gpu=b200")
                .pools().get(0);
        assertEquals(TestScenarios.gpu("b200").iterationOverheadS(), pool.hardware().gpu().iterationOverheadS());
        assertEquals(TestScenarios.gpu("b200").computeEfficiency(), pool.hardware().gpu().computeEfficiency());
    }

    @Test
    void engine_unknown_isAnErrorListingTheEngines() {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(SCENARIO, "cluster.pools[0].engine=tensorrt"));
        assertTrue(e.getMessage().contains("allowed: vllm, vllm-v0, trtllm, sglang"), e.getMessage());
    }

    @Test
    void kvBlocksOverride_replacesTheComputedCapacity() {
        // given the computed capacity of the pool
        int computed = TestScenarios.load(SCENARIO).pools().get(0).memory().kvBlocks();
        // when a measured block count is given
        PoolPlan pool = TestScenarios.load(SCENARIO, "cluster.pools[0].kv_blocks_override=1952").pools().get(0);
        // then the replica holds exactly that many blocks, and the memory breakdown stays as computed
        assertTrue(computed > 20_000);
        assertEquals(1952, pool.memory().kvBlocks());
        assertEquals(1952L * 16, pool.memory().kvTokens());
        assertEquals(TestScenarios.load(SCENARIO).pools().get(0).memory().kvBytesPerGpu(),
                pool.memory().kvBytesPerGpu());
    }

    @Test
    void kvBlocksOverride_belowOne_isAnError() {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(SCENARIO, "cluster.pools[0].kv_blocks_override=0"));
        assertTrue(e.getMessage().contains("kv_blocks_override: must be >= 1"), e.getMessage());
    }

    @Test
    void kvBlocksOverride_cannotMakeWeightsThatDoNotFitFit() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(SCENARIO,
                "cluster.pools[0].model=llama-3.1-70b", "cluster.pools[0].kv_blocks_override=100"));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void profile_engineSetWithEfficiencyAboveOne_orWithoutSources_isRejected(@TempDir Path dir) throws IOException {
        String h100 = Files.readString(TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml"));
        String bad = h100.substring(0, h100.indexOf("engines:")).replace("id: h100-sxm", "id: bad-gpu")
                + "engines:\n  trtllm:\n    compute_efficiency: 1.2\n  sglang:\n    memory_efficiency: 0.8\n"
                + "  tensorrt:\n    memory_efficiency: 0.8\n";
        Files.createDirectories(dir.resolve("gpus"));
        Files.writeString(dir.resolve("gpus/bad-gpu.yaml"), bad);
        InputException e = assertThrows(InputException.class,
                () -> new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu"));
        assertTrue(e.getMessage().contains("unknown field 'tensorrt'"), e.getMessage());

        Files.writeString(dir.resolve("gpus/bad-gpu.yaml"), bad.replace("  tensorrt:\n    memory_efficiency: 0.8\n",
                ""));
        e = assertThrows(InputException.class,
                () -> new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu"));
        assertTrue(e.getMessage().contains("engines.trtllm.compute_efficiency: must be a fraction in (0, 1]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("engines.trtllm.sources"), e.getMessage());
        assertTrue(e.getMessage().contains("engines.sglang.sources"), e.getMessage());
    }
}
