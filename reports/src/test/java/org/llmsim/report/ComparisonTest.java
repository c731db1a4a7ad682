package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.scenario.Scenario;

/** Two deployments of the quickstart traffic side by side: two H100s (A) against one (B). */
class ComparisonTest {
    static Comparison twoVsOne;

    @BeforeAll
    static void run() {
        twoVsOne = Fixtures.compare(1, Fixtures.quickstart("workload.slo.ttft_s=0.09"),
                Fixtures.quickstart("workload.slo.ttft_s=0.09", "cluster.pools[0].replicas=1", "name=one-h100"));
    }

    @Test
    void deltas_areOtherMinusBaseline() {
        HeadlineMetric perHour = HeadlineMetric.byKey("cost.usd_per_hour");
        assertEquals(7.98, twoVsOne.value(0, perHour), 1e-9);
        assertEquals(-3.99, twoVsOne.delta(1, perHour), 1e-9);
        assertEquals(-0.5, twoVsOne.relativeDelta(1, perHour), 1e-12);
        assertEquals(1, twoVsOne.direction(1, perHour), "cheaper is better");
        assertEquals(-1, twoVsOne.direction(1, HeadlineMetric.byKey("ttft_s.p99")), "slower is worse");
    }

    @Test
    void verdicts_sayWhoMeetsEachSloAndAtWhatCost() {
        // one H100 misses the tight 90 ms TTFT target that two meet, and costs about half per output token (half the
        // GPU-hours for about the same tokens)
        HeadlineMetric ttft = HeadlineMetric.byKey("ttft_s.p99");
        double perToken = twoVsOne.relativeDelta(1, HeadlineMetric.byKey("cost.usd_per_1m_output_tokens"));
        assertEquals(-0.5, perToken, 0.02);
        String lower = Math.round(-100 * perToken) + "% lower cost";
        List<String> verdicts = Verdicts.of(twoVsOne);
        assertEquals(2, verdicts.size(), verdicts.toString());
        assertEquals("B misses the TTFT SLO (p99 " + Format.latency(twoVsOne.value(1, ttft)) + " > 90 ms), which A "
                + "meets (p99 " + Format.latency(twoVsOne.value(0, ttft)) + "), at " + lower + ".", verdicts.get(0));
        assertTrue(verdicts.get(1).startsWith("B meets the TPOT SLO (p99 "), verdicts.get(1));
        assertTrue(verdicts.get(1).endsWith(" <= 50 ms), as A does, at " + lower + "."), verdicts.get(1));
    }

    @Test
    void verdicts_theOtherWayRound_andWithoutAnySlo() {
        Scenario two = Fixtures.quickstart("workload.slo.ttft_s=0.09");
        Scenario one = Fixtures.quickstart("workload.slo.ttft_s=0.09", "cluster.pools[0].replicas=1");
        Comparison reversed = Fixtures.compare(1, one, two);
        assertTrue(Verdicts.of(reversed).get(0).matches(
                "B meets the TTFT SLO \\(p99 [0-9.]+ ms <= 90 ms\\), which A misses \\(p99 [0-9.]+ ms\\), at [0-9]+% "
                        + "higher cost\\."), Verdicts.of(reversed).get(0));
        Comparison noSlo = Fixtures.compare(1, Fixtures.quickstart("workload.slo={}"),
                Fixtures.quickstart("workload.slo={}", "cluster.pools[0].replicas=1"));
        List<String> lines = Verdicts.of(noSlo);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).matches("No SLO is set; B runs at (49|50|51)% lower cost, with p99 TTFT [0-9.]+% "
                + "higher than A\\."), lines.get(0));
    }

    @Test
    void json_hasEveryMetricPerScenarioWithDeltas_andTheVerdicts() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ComparisonJson.render(twoVsOne));
        assertEquals("A", json.get("baseline").asText());
        assertEquals("one-h100", json.get("scenarios").get(1).get("name").asText());
        assertEquals(42, json.get("scenarios").get(1).get("seeds").get(0).asLong());
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            assertTrue(json.get("metrics").has(m.key()), m.key());
        }
        JsonNode perHour = json.get("metrics").get("cost.usd_per_hour");
        assertEquals(7.98, perHour.get("A").get("value").asDouble(), 1e-9);
        assertEquals(-3.99, perHour.get("B").get("delta").asDouble(), 1e-9);
        assertEquals(-0.5, perHour.get("B").get("relative_delta").asDouble(), 1e-12);
        assertTrue(json.get("verdicts").get(0).asText().startsWith("B misses the TTFT SLO"));
    }

    @Test
    void csv_isOneRowPerMetricAndScenario(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("comparison.csv");
        ComparisonCsv.write(twoVsOne, file);
        List<String> rows = Files.readAllLines(file);
        assertEquals(ComparisonCsv.HEADER, rows.get(0));
        assertEquals(1 + 2 * HeadlineMetric.ALL.size(), rows.size());
        assertTrue(rows.contains("cost.usd_per_hour,A,quickstart,7.98,,,,,,"), String.join("\n", rows));
        assertTrue(rows.contains("cost.usd_per_hour,B,one-h100,3.99,,,-3.99,-0.5,,"), String.join("\n", rows));
    }

    @Test
    void withReplications_deltasCarryPairedConfidenceIntervals(@TempDir Path tmp) throws IOException {
        Comparison c = Fixtures.compare(3, Fixtures.quickstart(), Fixtures.quickstart("cluster.pools[0].replicas=1"));
        JsonNode b = new ObjectMapper().readTree(ComparisonJson.render(c)).get("metrics").get("e2e_s.mean").get("B");
        assertTrue(b.get("delta_ci95_low").asDouble() < b.get("delta").asDouble());
        assertTrue(b.get("delta").asDouble() < b.get("delta_ci95_high").asDouble());
        assertTrue(b.get("delta_ci95_low").asDouble() > 0, "one replica is slower on every seed");
        Path file = tmp.resolve("comparison.pdf");
        ComparisonReport.write(c, file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            String all = String.join("\n", PdfInspection.pages(pdf));
            assertTrue(all.contains("95% CI of difference"), "the interval column");
            assertTrue(all.contains("seeds 42-44 (3 replications each)"), all);
        }
    }

    @Test
    void pdf_hasVerdictsTableOverlaidChartsAndAppendices(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("comparison.pdf");
        ComparisonReport.write(twoVsOne, file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            List<String> pages = PdfInspection.pages(pdf);
            // title with verdicts and table, table end and spend, distributions, over time, two appendices
            assertEquals(6, pdf.getNumberOfPages(), String.join("\n=====\n", pages));
            String first = pages.get(0);
            assertTrue(first.contains("quickstart vs one-h100"));
            assertTrue(first.contains("Verdict"));
            assertTrue(first.contains("B misses the TTFT SLO"), first);
            assertTrue(first.contains("Headline metrics"));
            assertTrue(first.contains("-50.0%"), "relative delta of the fleet's cost");
            String all = String.join("\n", pages);
            for (String text : List.of("Fleet spend per hour", "TTFT distribution", "A quickstart", "B one-h100",
                    "Queue length", "Appendix A: quickstart", "Appendix B: one-h100")) {
                assertTrue(all.contains(text), text);
            }
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                assertEquals(0, PdfInspection.images(pdf.getPage(i)), "vector only, page " + (i + 1));
            }
        }
    }
}
