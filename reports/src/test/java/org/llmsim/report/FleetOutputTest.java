package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.DomainRun;
import org.llmsim.metrics.FleetMerge;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;

/** A fleet's merged result goes through every writer of a run, with its per-domain figures added. */
class FleetOutputTest {
    static Scenario scenario;
    static RunResult single;
    static RunResult fleet;

    @BeforeAll
    static void run() {
        scenario = Fixtures.quickstart();
        single = new Simulation(scenario).run();
        List<DomainRun> domains = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RunResult r = i == 0 ? single : new Simulation(Fixtures.quickstart("seed=" + (100 + i))).run();
            domains.add(new DomainRun("domain-" + i, 1.0 / 12, r));
        }
        fleet = FleetMerge.merge("quickstart-fleet", 42, 3, domains);
    }

    @Test
    void summaryJson_hasAFleetBlockOnlyForAFleet() {
        ObjectNode json = SummaryJson.toJson(fleet);
        JsonNode block = json.get("fleet");
        assertEquals(12, block.get("domains").asInt());
        assertEquals(3, block.get("shards").asInt());
        assertEquals(12, block.get("rows").size());
        JsonNode row = block.get("rows").get(0);
        assertEquals("domain-0", row.get("name").asText());
        assertEquals(single.requests().arrived(), row.get("arrived").asLong());
        assertEquals(single.ttft().p99(), row.get("ttft_p99_s").asDouble());
        assertEquals(fleet.requests().arrived(), json.get("requests").get("arrived").asLong());
        // an ordinary run: no block, and its merge of one domain prints the same apart from it
        assertFalse(SummaryJson.toJson(single).has("fleet"));
        RunResult one = FleetMerge.merge(single.scenario(), single.seed(), 1,
                List.of(new DomainRun("only", 1.0, single)));
        ObjectNode oneJson = SummaryJson.toJson(one);
        oneJson.remove("fleet");
        assertEquals(SummaryJson.render(single), SummaryJson.render(oneJson));
    }

    @Test
    void terminalSummary_listsTenDomainsThenHowManyMore() {
        String text = TerminalSummary.render(fleet, null, Style.PLAIN);
        assertTrue(text.contains("12 router domains in 3 shards"), text);
        assertTrue(text.contains("domain-9"), text);
        assertFalse(text.contains("domain-10"), text);
        assertTrue(text.contains("... 2 more"), text);
        assertFalse(TerminalSummary.render(single, null, Style.PLAIN).contains("router domains"));
    }

    @Test
    void pdfAndTimeSeries_ofAFleet_areWritten(@TempDir Path tmp) throws IOException {
        Path pdfFile = tmp.resolve("report.pdf");
        PdfReport.write(fleet, scenario, pdfFile);
        try (PDDocument pdf = Loader.loadPDF(pdfFile.toFile())) {
            String all = String.join("\n", PdfInspection.pages(pdf));
            assertTrue(all.contains("Router domains"), "the per-domain table");
            assertTrue(all.contains("domain-11"), "every domain in the PDF table");
        }
        Path csv = tmp.resolve("timeseries.csv");
        TimeSeriesCsv.write(fleet.timeSeries(), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(fleet.timeSeries().samples().size() + 1, lines.size());
    }
}
