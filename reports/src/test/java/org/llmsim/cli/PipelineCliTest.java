package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A RAG pipeline through the command line: summary.json, the terminal table, requests.csv and the PDF. */
class PipelineCliTest {

    @Test
    void ragRun_reportsEveryStage_andTheBudget_inEveryOutput(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("rag");
        CliTest.Outcome o = CliTest.llmsim("run", CliTest.HOME.resolve("scenarios/rag-pipeline.yaml").toString(),
                "--out", out.toString(), "--set", "duration_s=150", "--set", "warmup_s=30");
        assertEquals(0, o.exitCode(), o.err());

        // summary.json: the stages in order, with latencies and shares, and the budget's attainment
        JsonNode p = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("pipelines")
                .get("default");
        List<String> stages = new ArrayList<>();
        double shares = 0;
        for (JsonNode s : p.get("stages")) {
            stages.add(s.get("name").asText());
            assertTrue(s.get("latency_s").get("p95").asDouble() > 0, s.toString());
            shares += s.get("share_of_e2e").asDouble();
        }
        assertEquals(List.of("guardrail", "retrieve", "llm"), stages);
        assertEquals(1.0, shares, 1e-6, "the stages' shares cover the mean end-to-end latency");
        double attainment = p.get("budget_attainment").asDouble();
        assertTrue(attainment > 0 && attainment < 1, p.toString());
        assertEquals(2.5, p.get("budget_s").asDouble());

        // the terminal: one line per stage and the budget
        assertTrue(o.out().contains("within budget"), o.out());
        for (String stage : stages) {
            assertTrue(o.out().lines().anyMatch(l -> l.startsWith(stage + " ")), stage + " in\n" + o.out());
        }

        // requests.csv: a completed request's stage latencies add up to its end-to-end latency
        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        int e2e = header.indexOf("e2e_s");
        int stageColumn = header.indexOf("stage_latencies_s");
        int status = header.indexOf("status");
        long checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            if (!c[status].equals("completed")) {
                continue;
            }
            double sum = 0;
            for (String part : c[stageColumn].split(";")) {
                sum += Double.parseDouble(part.substring(part.indexOf('=') + 1));
            }
            assertEquals(Double.parseDouble(c[e2e]), sum, 1e-5, row);
            checked++;
        }
        assertTrue(checked > 100);

        // report.pdf: the pipeline's table and the budget on the first page
        try (PDDocument pdf = Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            PDFTextStripper firstPage = new PDFTextStripper();
            firstPage.setEndPage(1);
            String first = firstPage.getText(pdf).replace('\n', ' ');
            assertTrue(first.contains("pipeline's requests finished within its budget of 2.50 s"), first);
            String all = new PDFTextStripper().getText(pdf);
            assertTrue(all.contains("Pipeline of default"), "no pipeline table");
            assertTrue(all.contains("when late"));
        }
    }
}
