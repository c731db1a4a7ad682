package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

class SemanticCacheTest {
    @TempDir
    Path dir;

    private RunResult run(int items, String semanticFields) {
        return run(items, 1.0, semanticFields);
    }

    private RunResult run(int items, double exponent, String semanticFields) {
        String fast = AppFixtures.provider(dir, "fast", 1, 1, "");
        return TestScenarios.run(TestScenarios.load("""
                name: semantic
                duration_s: 20000
                warmup_s: 2000
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 500
                  output_tokens: 1
                  popularity: {dist: zipf, items: %d, exponent: %s, paraphrases: 4}
                cluster:
                  caches:
                    - {kind: semantic, %s}
                  pools:
                    - {name: api, provider: %s}
                """.formatted(items, exponent, semanticFields, fast)));
    }

    @Test
    void storedQuestion_hitsInTheSameWords_andInOtherWordsAtTheParaphraseRate() {
        // given 50 questions, all stored after the warm-up, each asked in one of 4 wordings
        RunResult r = run(50, "paraphrase_hit_rate: 0.5, false_positive_rate: 0");
        AppResult.CacheSummary c = AppResult.of(r).cache();
        // then a lookup finds its question and hits in the stored wording (1/4) or, in another, half the time
        assertEquals(0.25 + 0.75 * 0.5, c.hitRate(), 0.02);
        assertEquals(0, c.falsePositives());
    }

    @Test
    void unseenQuestion_matchesAWrongAnswerAtTheFalsePositiveRate() {
        // given questions that hardly ever repeat (ten million, nearly uniformly popular)
        RunResult r = run(10_000_000, 0.1, "paraphrase_hit_rate: 0.75, false_positive_rate: 0.05");
        AppResult.CacheSummary c = AppResult.of(r).cache();
        double fpRate = (double) c.falsePositives() / c.lookups();
        assertEquals(0.05, fpRate, 0.01);
        assertTrue(c.hits() - c.falsePositives() < c.lookups() * 0.01, "true hits are rare");
    }

    @Test
    void threshold_setsTheRatesFromTheCurve_andEveryLookupPaysForItsEmbedding() {
        RunResult strict = run(50, "similarity_threshold: 0.97, embedding_usd_per_mtok: 0.02");
        RunResult loose = run(50, "similarity_threshold: 0.85, embedding_usd_per_mtok: 0.02");
        assertTrue(AppResult.of(loose).cache().hitRate() > AppResult.of(strict).cache().hitRate() + 0.05);
        assertTrue(AppResult.of(loose).cache().falsePositives() >= AppResult.of(strict).cache().falsePositives());
        // 500 prompt tokens embedded at $0.02 per million on every lookup of the run
        long lookups = strict.requests().arrived();
        assertEquals(lookups * 500 * 0.02e-6, strict.cost().gatewayUsd(), 1e-12);
        assertEquals(strict.cost().gatewayUsd(), AppResult.of(strict).breakdown().by(AppResult.CostEntry::kind)
                .get("embeddings"), 1e-12);
    }
}
