package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data- and expert-parallel pools through the command line: what validate and run print, and bad input's exit 2. */
class ParallelCliTest {
    private static String scenario(String model, String parallel) {
        return """
                name: parallel
                description: data and expert parallelism
                seed: 7
                duration_s: 20
                warmup_s: 5
                workload:
                  arrival: {process: poisson, rate_rps: 4}
                  input_tokens: {dist: fixed, value: 500}
                  output_tokens: {dist: fixed, value: 50}
                cluster:
                  pools:
                    - gpu: h100-sxm
                      model: %s
                      tensor_parallel: 2
                """.formatted(model) + parallel;
    }

    @Test
    void anExpertParallelMixtral_isDescribedByValidate_andRun(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("ep.yaml"), scenario("mixtral-8x7b",
                "      data_parallel: 2\n      expert_parallel: true\n"));
        CliTest.Outcome v = CliTest.llmsim("validate", file.toString());
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().contains("mixtral-8x7b bf16 on dp2 x 2x h100-sxm, ep"), v.out());
        assertTrue(v.out().contains("parallel: 2 data-parallel rank(s) of 2 GPUs; experts over 4 GPUs per stage, 4 in "
                + "one NVLink domain, fp8 dispatch, imbalance 1"), v.out());
        assertTrue(v.out().contains("all-to-all (experts)"), v.out());
        CliTest.Outcome r = CliTest.llmsim("run", file.toString(), "--no-pdf", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("on dp2 x 2x h100-sxm"), r.out());
    }

    @Test
    void expertParallelismOnADenseModel_exitsWithTwo_namingFileLineAndField(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("dense.yaml"), scenario("llama-3.1-8b",
                "      expert_parallel: true\n"));
        CliTest.Outcome o = CliTest.llmsim("validate", file.toString());
        assertEquals(2, o.exitCode(), o.out());
        assertTrue(o.err().contains("dense.yaml:15: cluster.pools[0].expert_parallel: needs a mixture-of-experts "
                + "model, and llama-3.1-8b is dense (no experts)"), o.err());
        assertTrue(!o.err().contains("Exception"), o.err());
    }

    @Test
    void dataParallelZero_exitsWithTwo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("zero.yaml"), scenario("llama-3.1-8b", "      data_parallel: 0\n"));
        CliTest.Outcome o = CliTest.llmsim("run", file.toString(), "--no-pdf", "--out", tmp.resolve("o").toString());
        assertEquals(2, o.exitCode(), o.out());
        assertTrue(o.err().contains("zero.yaml:15: cluster.pools[0].data_parallel: must be >= 1, got 0"), o.err());
    }
}
