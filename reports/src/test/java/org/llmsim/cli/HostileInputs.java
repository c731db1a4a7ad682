package org.llmsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Generates the hostile inputs of {@link HostileInputTest} from the shipped quickstart scenario, the H100 profile
 * and a vllm bench serve result: every key misspelt, every value of the wrong type, values out of range and not
 * finite, files of the wrong kind, broken overrides and runs too big to finish; {@link HostileFileInputs} adds broken
 * profiles, traces and measurements and bad options on every command. Nothing is stored by hand; the expectations
 * are the exit code and what the messages must name (the file and the field).
 */
final class HostileInputs {
    /** Replaced in arguments by the case's input directory and by its output directory. */
    static final String IN = "{in}";
    static final String OUT = "{out}";

    /**
     * One hostile input.
     *
     * @param name     what it is
     * @param files    files written into the input directory first, by name
     * @param args     the command line ({@link #IN} and {@link #OUT} replaced)
     * @param exit     the exit code it must end with
     * @param mentions what standard error must contain (the file, the field)
     */
    record Case(String name, Map<String, byte[]> files, List<String> args, int exit, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final String quickstart;
    private final String gpuProfile;
    private final String benchJson;
    private final List<Case> cases = new ArrayList<>();

    private HostileInputs(Path home) {
        quickstart = read(home.resolve("scenarios/quickstart.yaml"));
        gpuProfile = read(home.resolve("gpu-profiles/gpus/h100-sxm.yaml"));
        benchJson = read(home.resolve("scenarios/calibration/vllm-bench-h100-llama8b-c1.json"));
    }

    /** Every case, generated from the files of the llmsim installation at {@code home}. */
    static List<Case> all(Path home) {
        HostileInputs g = new HostileInputs(home);
        g.misspeltKeys();
        g.wrongTypes();
        g.outOfRange();
        g.notFinite();
        g.wrongKindsOfFile();
        g.brokenOverrides();
        g.runsTooBig();
        new HostileFileInputs(g.quickstart, g.gpuProfile, g.benchJson, g.cases).addAll();
        return List.copyOf(g.cases);
    }

    // --- scenario text ----------------------------------------------------------------------------------------

    /** A key written at the start of a line, or inside a flow mapping. */
    private static final Pattern KEY = Pattern.compile("(^\\s*(?:- )?|[{,]\\s*)([a-z_]+):");

    /** Every key of the quickstart, each misspelt on its own: the field and its line are named. */
    private void misspeltKeys() {
        forEachKey((matcher, line) -> {
            String key = matcher.group(2);
            String text = replaceAt(quickstart, matcher.start(2), matcher.end(2), key + "x");
            // a kind's type key misspelt leaves the kind unknown; any other key is an unknown field
            String expected = key.equals("process") || key.equals("dist") ? "missing '" + key + "'"
                    : "unknown field '" + key + "x'";
            scenario("misspelt key '" + key + "' on line " + line, text, "s.yaml:" + line + ":", expected);
        });
    }

    /** Every value of the quickstart replaced by a list: the field (or its mapping) and its line are named. */
    private void wrongTypes() {
        Matcher m = Pattern.compile("(^\\s*(?:- )?|[{,]\\s*)([a-z_]+): ([^\\s,{}#]+)", Pattern.MULTILINE)
                .matcher(quickstart);
        while (m.find()) {
            if (isComment(m.start())) {
                continue;
            }
            int line = lineOf(quickstart, m.start(2));
            String text = replaceAt(quickstart, m.start(3), m.end(3), "[1, 2]");
            scenario("a list for '" + m.group(2) + "' on line " + line, text, "s.yaml:" + line + ":");
        }
    }

    private void outOfRange() {
        String[][] sets = {
            {"workload.arrival.rate_rps=0", "workload.arrival.rate_rps: must be > 0"},
            {"workload.arrival.rate_rps=-5", "workload.arrival.rate_rps: must be > 0"},
            {"duration_s=0", "duration_s: must be > 0"},
            {"warmup_s=-1", "warmup_s: must be >= 0"},
            {"warmup_s=700", "warmup_s: must be < duration_s"},
            {"workload.input_tokens.mean=-3", "workload.input_tokens"},
            {"workload.output_tokens.max=0", "workload.output_tokens"},
            {"workload.slo.ttft_s=-1", "workload.slo.ttft_s"},
            {"cluster.pools[0].replicas=0", "cluster.pools[0].replicas: must be >= 1"},
            {"cluster.pools[0].tensor_parallel=3", "must divide the model's 32 attention heads"},
            {"cluster.pools[0].tensor_parallel=16", "cluster.pools[0].tensor_parallel: must be <= 8"},
            {"cluster.pools[0].scheduler.max_batch_size=0", "cluster.pools[0].scheduler.max_batch_size"},
            {"cluster.pools[0].scheduler.gpu_memory_utilization=45", "did you mean 0.45?"},
            {"cluster.pools[0].scheduler.block_size=0", "cluster.pools[0].scheduler.block_size"},
            {"seed=1.5", "seed: expected a whole number"},
            {"output.sample_interval_s=0.0001", "output.sample_interval_s: must be >="},
            {"cluster.pools[0].model=llama-3.1-70b", "try tensor_parallel: 4"},
            {"cluster.pools[0].replicas=99999999999999999999", "cluster.pools[0].replicas"},
            {"max_requests=0", "max_requests: must be >= 1"},
        };
        for (String[] s : sets) {
            setOnQuickstart("out of range: " + s[0], List.of(s[0]), s[1]);
        }
    }

    /** YAML's not-a-number and infinities in numeric fields: named with their field, not "malformed". */
    private void notFinite() {
        String[][] fields = {{"duration_s: 600", "duration_s"}, {"rate_rps: 10", "workload.arrival.rate_rps"},
            {"mean: 1000", "workload.input_tokens.mean"}, {"ttft_s: 1.0", "workload.slo.ttft_s"},
            {"warmup_s: 60", "warmup_s"}};
        for (String[] f : fields) {
            for (String value : List.of(".nan", ".inf", "-.inf")) {
                String key = f[0].substring(0, f[0].indexOf(':'));
                scenario(value + " for " + key, quickstart.replace(f[0], key + ": " + value), f[1],
                        "must be a finite number");
            }
        }
        scenario("a literal beyond a double", quickstart.replace("rate_rps: 10", "rate_rps: 1e400"),
                "workload.arrival.rate_rps: must be a finite number");
    }

    private void wrongKindsOfFile() {
        scenario("an empty file", "", "s.yaml: the file is empty");
        scenario("only comments", "# nothing here\n# at all\n", "s.yaml: the file is empty");
        scenario("a list at the top", "- a\n- b\n", "expected a mapping");
        scenario("a scalar at the top", "hello\n", "expected a mapping");
        byte[] random = new byte[4096];
        new Random(14).nextBytes(random);
        scenarioBytes("random bytes", random, "s.yaml: is not UTF-8 text");
        scenario("NUL bytes", "name: a\0b\n", "s.yaml: is not a text file: it holds a NUL byte");
        scenarioBytes("invalid UTF-8 in a comment", concat(bytes(quickstart), new byte[] {'#', (byte) 0xc3, 0x28}),
                "s.yaml: is not UTF-8 text");
        scenario("a 2 MB file", quickstart + "# " + "x".repeat(2 << 20) + "\n", "s.yaml: is 2098",
                "may be at most 1 MB");
        scenario("one string of 1.5 MB", "name: \"" + "a".repeat(3 << 19) + "\"\n", "may be at most 1 MB");
        run("/dev/zero as the scenario", List.of("run", "/dev/zero", "--out", OUT), 2, "/dev/zero: is more than 1 MB");
        run("a directory as the scenario", List.of("run", IN, "--out", OUT), 2, "is a directory");
        run("a missing scenario", List.of("run", IN + "/none.yaml", "--out", OUT), 2, "none.yaml: file not found");
        scenario("two documents", quickstart + "---\nname: second\n", "holds more than one YAML document");
        scenario("cut in the middle", quickstart.substring(0, quickstart.indexOf("max: 8192")), "s.yaml:");
        scenario("a tab for indentation", quickstart.replace("  arrival:", "\tarrival:"), "s.yaml:10:",
                "malformed YAML");
        scenario("an unclosed mapping", quickstart.replace("rate_rps: 10}", "rate_rps: 10"), "s.yaml:",
                "malformed YAML");
        scenario("a key given twice", quickstart.replace("seed: 42", "seed: 42\nseed: 43"),
                "s.yaml:7: seed: is given twice");
        scenario("nesting 3000 deep", "name: " + "[".repeat(3000) + "]".repeat(3000) + "\n",
                "nesting depth (1001) exceeds the maximum allowed (1000)");
        scenario("JSON without a workload", "{\"name\": \"x\", \"duration_s\": 10,}",
                "s.yaml: workload: is required", "s.yaml: cluster: is required");
        scenario("an escape sequence in a value", quickstart.replace("gpu: h100-sxm", "gpu: \"h\\e[2Jx\""),
                "cluster.pools[0].gpu: unknown GPU profile 'h?[2Jx'");
    }

    private void brokenOverrides() {
        String[][] sets = {
            {"cluster.pools[0].replicas", "--set cluster.pools[0].replicas: expected PATH=VALUE"},
            {"duration_s=", "the value after '=' is empty"},
            {"=5", "expected PATH=VALUE"},
            {"cluster..pools[0].replicas=2", "cannot read the path"},
            {"cluster.pools[99999999999].replicas=2", "index 99999999999 does not exist"},
            {"cluster.pools[5].replicas=2", "cluster.pools has 1 entry; index 5 does not exist"},
            {"name.first=x", "name is not a mapping"},
            {"workload.input_tokens={dist: fixed, value: [}", "cannot read the value as a YAML mapping"},
            {"workload.arrival.process=trace", "process: trace takes no other fields"},
            {"workload.arrival.burst=3", "unknown field 'burst'"},
            {"cluster.pools[0].gpu=h100-xx", "cluster.pools[0].gpu: unknown GPU profile 'h100-xx'"},
            {"cluster.pools[0].model=./no-such-model.yaml", "cluster.pools[0].model: model profile file not found"},
            {"cluster.pools[0].scheduler.policy=fastest", "unknown value 'fastest'; allowed: continuous"},
        };
        for (String[] s : sets) {
            setOnQuickstart("--set " + s[0], List.of(s[0]), s[1]);
        }
    }

    /** Runs that would take hours or exhaust memory: refused before they start, with what to change. */
    private void runsTooBig() {
        String[][] sets = {
            {"workload.arrival.rate_rps=1e12", "more than max_requests (10,000,000)"},
            {"duration_s=1e15", "duration_s: must be <= 31536000 s (one year)"},
            {"warmup_s=1e9", "warmup_s: must be <= 31536000 s (one year)"},
            {"drain_timeout_s=4e7", "drain_timeout_s: must be <= 31536000 s (one year)"},
            {"workload.sessions={turns: 100000000, think_time_s: 1}", "more than max_requests"},
            {"workload.arrival={process: closed_loop, users: 100000000, think_time_s: 1}", "arrival.users"},
            {"workload.arrival.spikes=[{at_s: 0, duration_s: 600, factor: 1e9}]",
                "workload.arrival.spikes: the run would generate about 6.0e+12 requests (10 req/s for 600 s, spikes"},
            {"cluster.pools[0].autoscale={max_replicas: 4, target: {metric: queue_length, value: 5}, interval_s: 1e-9}",
                "autoscale.interval_s: the run would schedule"},
            {"faults=[{kind: replica_crash, pool: main, rate_per_hour: 1e12}]", "faults[0].rate_per_hour"},
            {"cluster.pools[0].replicas=2000000000", "the run would simulate 2,000,000,000 replicas"},
        };
        for (String[] s : sets) {
            setOnQuickstart("too big: " + s[0], List.of(s[0]), s[1]);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("s.yaml", bytes(quickstart));
        files.put("t.csv", bytes("arrival_s,input_tokens,output_tokens\n0,100,10\n1e15,100,10\n"));
        add("a trace whose last row is at 1e15 s", files, List.of("run", IN + "/s.yaml", "--out", OUT, "--set",
                "workload.arrival={process: trace}", "--set", "workload.trace={path: t.csv}", "--set",
                "duration_s=null", "--set", "workload.input_tokens=null", "--set", "workload.output_tokens=null"), 2,
                "workload.trace: the last row arrives at 1.0E15 s");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private interface KeyVisitor {
        void visit(Matcher key, int line);
    }

    private void forEachKey(KeyVisitor visitor) {
        Matcher m = Pattern.compile(KEY.pattern(), Pattern.MULTILINE).matcher(quickstart);
        while (m.find()) {
            if (!isComment(m.start(2))) {
                visitor.visit(m, lineOf(quickstart, m.start(2)));
            }
        }
    }

    /** Whether {@code at} lies in a comment of the quickstart. */
    private boolean isComment(int at) {
        int lineStart = quickstart.lastIndexOf('\n', at - 1) + 1;
        return quickstart.substring(lineStart, at).contains("#");
    }

    private void scenario(String name, String text, String... mentions) {
        scenarioBytes(name, bytes(text), mentions);
    }

    private void scenarioBytes(String name, byte[] text, String... mentions) {
        List<String> all = new ArrayList<>(List.of(mentions));
        all.add("s.yaml");
        add(name, Map.of("s.yaml", text), List.of("run", IN + "/s.yaml", "--out", OUT, "--no-pdf"), 2,
                all.toArray(String[]::new));
    }

    private void setOnQuickstart(String name, List<String> sets, String... mentions) {
        List<String> args = new ArrayList<>(List.of("run", IN + "/qs.yaml", "--out", OUT, "--no-pdf"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        add(name, Map.of("qs.yaml", bytes(quickstart)), args, 2, mentions);
    }

    private void run(String name, List<String> args, int exit, String... mentions) {
        add(name, Map.of(), args, exit, mentions);
    }

    private void add(String name, Map<String, byte[]> files, List<String> args, int exit, String... mentions) {
        cases.add(new Case(name, files, args, exit, List.of(mentions)));
    }

    private static String replaceAt(String s, int from, int to, String with) {
        return s.substring(0, from) + with + s.substring(to);
    }

    private static int lineOf(String s, int at) {
        return (int) s.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
