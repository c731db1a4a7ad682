package org.llmsim.cli;

import static org.llmsim.cli.HostileInputs.IN;
import static org.llmsim.cli.HostileInputs.OUT;
import static org.llmsim.cli.HostileInputs.bytes;
import static org.llmsim.cli.HostileInputs.gzip;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The hostile inputs beyond the scenario file itself: broken GPU and model profiles, traces that are no trace or
 * hold bad rows, broken calibration measurements, and bad options on every command.
 */
final class HostileFileInputs {
    private final String quickstart;
    private final String gpuProfile;
    private final String benchJson;
    private final List<HostileInputs.Case> cases;

    HostileFileInputs(String quickstart, String gpuProfile, String benchJson, List<HostileInputs.Case> cases) {
        this.quickstart = quickstart;
        this.gpuProfile = gpuProfile;
        this.benchJson = benchJson;
        this.cases = cases;
    }

    void addAll() {
        brokenProfiles();
        brokenTraces();
        brokenMeasurements();
        badOptions();
    }

    private void brokenProfiles() {
        String[][] variants = {
            {"an unknown field", gpuProfile.replace("memory_gb:", "memory_gbx:"), "g.yaml:",
                "unknown field 'memory_gbx'"},
            {"a negative memory", gpuProfile.replaceFirst("memory_gb: [0-9.]+", "memory_gb: -80"),
                "memory_gb: must be > 0"},
            {"NaN efficiency", gpuProfile.replaceFirst("memory_efficiency: [0-9.]+", "memory_efficiency: .nan"),
                "memory_efficiency: must be a finite number"},
            {"no sources", gpuProfile.replaceFirst("(?s)\nsources:.*", "\n"), "sources: must cite"},
            {"an empty file", "", "g.yaml: the file is empty"},
            {"a 2 MB file", gpuProfile + "# " + "x".repeat(2 << 20), "a profile file may be at most 1 MB"},
        };
        for (String[] v : variants) {
            Map<String, byte[]> files = Map.of("s.yaml", bytes(quickstart), "g.yaml", bytes(v[1]));
            add("GPU profile with " + v[0], files, List.of("run", IN + "/s.yaml", "--out", OUT, "--set",
                    "cluster.pools[0].gpu=" + IN + "/g.yaml"), 2, Arrays.copyOfRange(v, 2, v.length));
        }
        add("a directory as the GPU profile", Map.of("s.yaml", bytes(quickstart)), List.of("run", IN + "/s.yaml",
                "--out", OUT, "--set", "cluster.pools[0].gpu=" + IN + "/"), 2,
                "cluster.pools[0].gpu: GPU profile path is a directory");
        add("a model profile with 0 heads", Map.of("s.yaml", bytes(quickstart), "m.yaml", bytes("name: m\nparams_b: 8\n"
                + "layers: 32\nhidden: 4096\nheads: 0\nkv_heads: 8\nhead_dim: 128\nintermediate: 14336\nvocab: 1000\n"
                + "max_context: 8192\nsources: [x]\n")), List.of("run", IN + "/s.yaml", "--out", OUT, "--set",
                "cluster.pools[0].model=" + IN + "/m.yaml"), 2, "m.yaml", "heads: must be >= 1");
    }

    private static final String TRACE_SCENARIO = """
            name: t
            warmup_s: 0
            workload:
              trace: {path: t.csv}
              slo: {ttft_s: 1.0, tpot_s: 0.05}
            cluster:
              pools:
                - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1}
            """;

    private void brokenTraces() {
        String header = "arrival_s,input_tokens,output_tokens\n";
        Object[][] traces = {
            {"only a header", header, "t.csv: has no request to replay"},
            {"an unknown header", "when,in,out\n1,2,3\n", "cannot tell the trace layout"},
            {"negative tokens", header + "1,10,-5\n", "t.csv:2: column output_tokens"},
            {"rows out of order", header + "2,10,5\n1,10,5\n", "t.csv:3: arrival 1.0 s is earlier"},
            {"dates after numbers", header + "1,10,5\n2023-11-16 18:15:46,10,5\n", "t.csv:3:"},
            {"a word for a count", header + "1,ten,5\n", "t.csv:2: column input_tokens"},
            {"a short row", header + "1,10\n", "t.csv:2: has 2 cells, the header has 3"},
            {"binary data", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0x1b, '[', '2', 'J', (byte) 0xff, '\n'},
                "t.csv:1: is not a text trace"},
            {"gzip data without .gz", gzip(header + "1,10,5\n"), "t.csv:1: looks gzip-compressed"},
            {"no line breaks", header + "9".repeat(3 << 20), "the line is longer than 1048576 characters"},
        };
        for (Object[] t : traces) {
            byte[] data = t[1] instanceof byte[] b ? b : bytes((String) t[1]);
            add("trace with " + t[0], Map.of("s.yaml", bytes(TRACE_SCENARIO), "t.csv", data),
                    List.of("run", IN + "/s.yaml", "--out", OUT), 2, (String) t[2], "workload.trace.path");
        }
        byte[] gz = gzip(header + "1,10,5\n".repeat(20_000));
        Object[][] others = {
            {"a truncated .gz", "t.csv.gz", Arrays.copyOf(gz, 200), "the compressed data ends early"},
            {"a .gz that is not gzip", "t.csv.gz", bytes(header + "1,10,5\n"), "is not gzip-compressed data"},
            {"a JSON Lines row without output_tokens", "t.jsonl",
                bytes("{\"arrival_s\": 1, \"input_tokens\": 5}\n"), "t.jsonl:1: has no 'output_tokens'"},
            {"broken JSON Lines", "t.jsonl", bytes("{\"arrival_s\": 1, \"input_"), "t.jsonl:1: malformed JSON"},
        };
        for (Object[] o : others) {
            add("trace: " + o[0], Map.of("s.yaml", bytes(TRACE_SCENARIO), (String) o[1], (byte[]) o[2]),
                    List.of("run", IN + "/s.yaml", "--out", OUT, "--set", "workload.trace.path=" + o[1]), 2,
                    (String) o[3], "workload.trace.path, from --set");
        }
        for (String[] path : new String[][] {{"a directory", IN}, {"a device", "/dev/null"},
                {"a missing file", IN + "/none.csv"}}) {
            add("trace: " + path[0], Map.of("s.yaml", bytes(TRACE_SCENARIO)), List.of("run", IN + "/s.yaml",
                    "--out", OUT, "--set", "workload.trace.path=" + path[1]), 2, "workload.trace.path, from --set");
        }
    }

    private void brokenMeasurements() {
        String[][] json = {
            {"a negative TTFT", benchJson.replaceFirst("\"mean_ttft_ms\": [0-9.]+", "\"mean_ttft_ms\": -5"),
                "b.json: mean_ttft_ms: must be > 0, got -5"},
            {"a TPOT of 0", benchJson.replaceFirst("\"mean_tpot_ms\": [0-9.]+", "\"mean_tpot_ms\": 0"),
                "b.json: mean_tpot_ms: must be > 0, got 0"},
            {"a NaN throughput",
                benchJson.replaceFirst("\"output_throughput\": [0-9.]+", "\"output_throughput\": NaN"),
                "b.json: output_throughput: must be > 0, got NaN"},
            {"a text TTFT", benchJson.replaceFirst("\"mean_ttft_ms\": [0-9.]+", "\"mean_ttft_ms\": \"fast\""),
                "b.json: mean_ttft_ms: expected a number"},
            {"a cut file", benchJson.substring(0, benchJson.length() / 2), "b.json:", "malformed JSON"},
            {"a list", "[1, 2]", "b.json: expected a JSON object"},
            {"no completed", "{\"mean_ttft_ms\": 20}", "b.json: completed: missing"},
            {"an empty file", "", "b.json: expected a JSON object"},
        };
        for (String[] j : json) {
            add("vllm result with " + j[0], Map.of("b.json", bytes(j[1])), List.of("calibrate", IN + "/b.json",
                    "--gpu", "h100-sxm", "--out", OUT + "/p.yaml"), 2, Arrays.copyOfRange(j, 2, j.length));
        }
        add("CSV with a negative metric", Map.of("m.csv", bytes("label,model,mean_ttft_ms\nc1,llama-3.1-8b,-3\n")),
                List.of("calibrate", IN + "/m.csv", "--gpu", "h100-sxm", "--out", OUT + "/p.yaml"), 2, "m.csv:2",
                "mean_ttft_ms");
        add("validation case in two documents", Map.of("v.yaml", bytes("id: v\n---\nid: w\n")),
                List.of("calibrate", IN + "/v.yaml", "--gpu", "h100-sxm", "--out", OUT + "/p.yaml"), 2,
                "v.yaml:3: holds more than one YAML document");
    }

    private void badOptions() {
        String qs = IN + "/qs.yaml";
        Object[][] lines = {
            {List.of("frobnicate"), "llmsim: unknown command 'frobnicate'; commands: run"},
            {List.of("help", "frobnicate"), "Unknown subcommand 'frobnicate'"},
            {List.of("--frobnicate"), "Unknown option: '--frobnicate'"},
            {List.of("catalog", "--bogus"), "Unknown option: '--bogus'"},
            {List.of("catalog", "extra"), "'extra'"},
            {List.of("run"), "Missing required parameter: 'SCENARIO'"},
            {List.of("run", qs, "--out", OUT, "--bogus"), "Unknown option: '--bogus'"},
            {List.of("run", qs, "--out", OUT, "--replications", "0"), "--replications must be between 1 and 1000"},
            {List.of("run", qs, "--out", OUT, "--replications", "x"), "'x' is not an int"},
            {List.of("run", qs, "--out", OUT, "--seed", "abc"), "'abc' is not a long"},
            {List.of("run", qs, "--out", OUT, "--format", "nope"), "--format"},
            {List.of("run", qs, "--out", OUT, "--shards", "0"), "--shards"},
            {List.of("run", qs, "--out", OUT, "--engine", "nope"), "--engine: no engine named 'nope'"},
            {List.of("compare", qs, "--out", OUT), "SCENARIO"},
            {List.of("compare", qs, IN + "/none.yaml", "--out", OUT), "none.yaml: file not found"},
            {List.of("validate"), "Missing required parameter"},
            {List.of("validate", qs, "--set", "seed"), "--set seed: expected PATH=VALUE"},
            {List.of("sweep", qs, "--out", OUT), "Missing required option: '--vary"},
            {List.of("sweep", qs, "--out", OUT, "--vary", "x"), "--vary x: expected PATH=V1,V2"},
            {List.of("sweep", qs, "--out", OUT, "--vary", "seed=1,1"), "a value is repeated"},
            {List.of("sweep", qs, "--out", OUT, "--vary", "workload.arrival.rate_rps=-1,-2"),
                "workload.arrival.rate_rps: must be > 0, got -1 (value from --vary)"},
            {List.of("sweep", qs, "--out", OUT, "--vary", "workload.input_tokens={dist: fixed, value: [}"),
                "cannot read the value as a YAML mapping"},
            {List.of("capacity", qs, "--out", OUT, "--percentile", "bogus"), "--percentile bogus"},
            {List.of("capacity", qs, "--out", OUT, "--attainment", "2"), "--attainment"},
            {List.of("plan", qs, "--out", OUT), "--target-rps: is required"},
            {List.of("plan", qs, "--out", OUT, "--target-rps", "NaN"), "--target-rps: must be a number > 0, got NaN"},
            {List.of("plan", qs, "--out", OUT, "--target-rps", "-1"), "--target-rps: must be a number > 0"},
            {List.of("plan", qs, "--out", OUT, "--target-rps", "5", "--gpus", "nope"), "plan.gpus[0]"},
            {List.of("calibrate"), "Missing required parameter: 'INPUT'"},
            {List.of("calibrate", IN + "/b.json", "--out", OUT + "/p.yaml"), "b.json: does not say which GPU"},
            {List.of("calibrate", IN + "/b.json", "--gpu", "h100-sxm", "--metrics", "bogus", "--out", OUT + "/p.yaml"),
                "--metrics: unknown metric 'bogus'"},
            {List.of("calibrate", IN + "/b.json", "--gpu", "h100-sxm", "--fit", "bogus", "--out", OUT + "/p.yaml"),
                "--fit: unknown parameter 'bogus'"},
            {List.of("calibrate", IN + "/b.json", "--gpu", "nope", "--out", OUT + "/p.yaml"),
                "--gpu: unknown GPU profile 'nope'"},
            {List.of("calibrate", IN + "/qs.txt", "--gpu", "h100-sxm", "--out", OUT + "/p.yaml"),
                "qs.txt: unknown input type"},
        };
        for (Object[] l : lines) {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) l[0];
            add("options: " + String.join(" ", args), Map.of("qs.yaml", bytes(quickstart), "b.json",
                    bytes(benchJson), "qs.txt", bytes(quickstart)), args, 2, (String) l[1]);
        }
    }

    private void add(String name, Map<String, byte[]> files, List<String> args, int exit, String... mentions) {
        cases.add(new HostileInputs.Case(name, files, args, exit, List.of(mentions)));
    }
}
