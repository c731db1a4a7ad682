package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;

/** The run report as a reader gets it: pages, headings, numbers as text, charts as vector graphics. */
class PdfReportTest {
    static Scenario scenario;
    static ReplicationSummary one;
    static ReplicationSummary three;

    @BeforeAll
    static void run() {
        scenario = Fixtures.quickstart();
        one = Fixtures.run(1, scenario).get(0);
        three = Fixtures.run(3, scenario).get(0);
    }

    @Test
    void runReport_hasItsSectionsHeadlineNumbersAndChartTitlesAsText(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("report.pdf");
        PdfReport.write(one, scenario, file);
        RunResult r = one.first();
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            // title, distributions, over time, cost + replicas + deployment, energy, appendix
            assertEquals(6, pdf.getNumberOfPages());
            List<String> pages = PdfInspection.pages(pdf);
            String title = pages.get(0);
            assertTrue(title.contains("quickstart"), title);
            assertTrue(title.contains("Llama-3.1-8B chat on 2x H100 at 10 requests/s"), "the question");
            assertTrue(title.contains(Format.ms(r.ttft().p99()) + " ms"), "p99 TTFT " + title);
            assertTrue(title.contains(Format.ms(r.tpot().p99()) + " ms"), "p99 TPOT");
            assertTrue(title.contains(Format.usd(r.cost().usdPer1mOutputTokens())), "$ per 1M output tokens");
            assertTrue(title.contains("within the 1 s SLO"), title);
            assertTrue(title.contains("Latency percentiles"));
            assertTrue(title.contains(Format.ms(r.e2e().p90())), "E2E p90 in the table");
            assertTrue(title.contains("ITL (gap between tokens)"), "ITL row in the latency table");
            for (String chart : List.of("TTFT distribution", "TPOT distribution", "E2E distribution", "TTFT (ms)",
                    "E2E (ms)", "SLO 1,000 ms")) {
                assertTrue(pages.get(1).contains(chart), chart + " on the distributions page");
            }
            for (String chart : List.of("Arrivals", "Queue length", "Running batch", "KV cache in use",
                    "Replicas provisioned", "Cost rate", "time (s)")) {
                assertTrue(pages.get(2).contains(chart), chart + " on the time-series page");
            }
            for (String heading : List.of("Cost", "Spend per hour by pool", "Utilization per replica", "Deployment")) {
                assertTrue(pages.get(3).contains(heading), heading);
            }
            // the energy page: per pool, the same figures as summary.json's energy block
            EnergyResult.Row main = EnergyResult.of(r).pool("main");
            for (String text : List.of("Energy by pool", "Mean GPU power by pool", "Energy per output token by pool",
                    "J per output token", String.format(java.util.Locale.ROOT, "%.3f", main.joulesPerOutputToken()))) {
                assertTrue(pages.get(4).contains(text), text + " on the energy page: " + pages.get(4));
            }
            assertTrue(pages.get(5).contains("Appendix: the scenario"));
            assertTrue(pages.get(5).contains("max_batched_tokens: 8192"), "the scenario file itself");
            assertTrue(pages.get(5).contains("page 6 of 6"), "footer");
        }
    }

    @Test
    void charts_areVectorGraphicsWithoutRasterImages(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("report.pdf");
        PdfReport.write(one, scenario, file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                assertEquals(0, PdfInspection.images(pdf.getPage(i)), "no raster image on page " + (i + 1));
            }
            // three CDFs of about a hundred points each, six time series of a few hundred points each
            assertTrue(PdfInspection.pathOperators(pdf.getPage(1)) > 300, "CDF paths");
            assertTrue(PdfInspection.pathOperators(pdf.getPage(2)) > 1000, "time-series paths");
        }
    }

    @Test
    void replicatedReport_showsMeansWithConfidenceIntervals(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("report.pdf");
        PdfReport.write(three, scenario, file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            String title = PdfInspection.text(pdf, 1);
            HeadlineMetric ttft = HeadlineMetric.byKey("ttft_s.p99");
            assertTrue(title.contains("mean of 3 seeds"), title);
            assertTrue(title.contains(Format.ms(three.estimate(ttft).mean()) + " ms"), "mean p99 TTFT");
            assertTrue(title.contains("mean of 3 seeds, +/-" + Format.ms(three.estimate(ttft).halfWidth()) + " ms (95%"),
                    title);
            String all = String.join("\n", PdfInspection.pages(pdf));
            assertTrue(all.contains("Replications: mean and 95% confidence interval"));
            assertTrue(all.contains("seeds 42-44"));
            assertTrue(all.contains("$/1M output tokens"), "every headline metric is in the table");
        }
    }
}
