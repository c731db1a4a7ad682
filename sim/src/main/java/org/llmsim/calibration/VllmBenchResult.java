package org.llmsim.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.llmsim.scenario.InputError;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.InputFiles;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.StrictYaml;

/**
 * Reads the result file of {@code vllm bench serve --save-result} (and of the older
 * {@code benchmarks/benchmark_serving.py}) into a {@link Measurement}.
 *
 * <p>What the file gives: the client settings ({@code num_prompts}, {@code request_rate} as a number or
 * {@code "inf"}, {@code burstiness}, {@code max_concurrency} or null), the totals ({@code completed},
 * {@code total_input_tokens}, {@code total_output_tokens}), and the metrics under the keys of {@link Metric}
 * ({@code mean_ttft_ms}, {@code median_tpot_ms}, {@code output_throughput}, ...). With {@code --save-detailed} it also
 * lists every request's {@code input_lens} and {@code output_lens}; they become empirical length distributions,
 * otherwise every request gets the mean lengths. It does not say which GPU, tensor parallelism or precision served
 * it: those come from the caller's deployment. {@code model_id} names the model, which
 * {@link #modelProfileId} turns into a profile id when the caller gives none.
 */
public final class VllmBenchResult {
    /** Python's json module writes NaN and Infinity for undefined statistics; they are read, then refused if used. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());

    private VllmBenchResult() {
    }

    /**
     * Reads one result file.
     *
     * @param file       the JSON file
     * @param deployment the pool that served the benchmark ({@code model} may be null to use the file's model_id)
     * @param metrics    which measured metrics to keep (those the file has)
     */
    public static Measurement read(Path file, PoolSpec deployment, Collection<Metric> metrics) {
        String name = file.toString();
        JsonNode root = readFields(InputFiles.readText(file, name, InputFiles.MAX_JSON_BYTES,
                "vllm bench serve result (JSON)"), name, metrics);
        int completed = intField(root, "completed", name);
        if (completed < 1) {
            throw new InputException(name, "completed: no request completed, nothing to calibrate on");
        }
        int numPrompts = root.hasNonNull("num_prompts") ? root.get("num_prompts").asInt()
                : completed + (root.hasNonNull("failed") ? root.get("failed").asInt() : 0);
        Double rate = requestRate(root, name);
        Double burstiness = root.hasNonNull("burstiness") ? root.get("burstiness").asDouble() : null;
        Integer maxConcurrency = root.hasNonNull("max_concurrency") ? root.get("max_concurrency").asInt() : null;
        LengthSpec input = lengths(root, "input_lens", "total_input_tokens", completed, name);
        LengthSpec output = lengths(root, "output_lens", "total_output_tokens", completed, name);
        BenchmarkLoad load = new BenchmarkLoad(numPrompts, rate, burstiness, maxConcurrency, input, output, 0L);

        PoolSpec d = deployment;
        if (d.model() == null) {
            String modelId = root.hasNonNull("model_id") ? root.get("model_id").asText() : null;
            if (modelId == null) {
                throw new InputException(name, "the file has no model_id; name the model profile (--model)");
            }
            d = Deployments.with(d, Map.of("model", modelProfileId(modelId)));
        }
        Map<Metric, Double> measured = new EnumMap<>(Metric.class);
        List<InputError> impossible = new ArrayList<>();
        for (Metric m : metrics) {
            JsonNode v = root.get(m.key());
            if (v == null || v.isNull()) {
                continue; // not measured: nothing to fit
            }
            if (v.isNumber() && v.asDouble() > 0 && Double.isFinite(v.asDouble())) {
                measured.put(m, v.asDouble());
            } else {
                // a latency or throughput of 0 or less is no measurement: fitting around it would hide a broken run
                impossible.add(new InputError(name, null, m.key(), (v.isNumber() ? "must be > 0, got " + v.asText()
                        : "expected a number, got " + v) + "; fix the file or leave the metric out with --metrics"));
            }
        }
        if (!impossible.isEmpty()) {
            throw new InputException(impossible);
        }
        if (measured.isEmpty()) {
            throw new InputException(name, "none of the metrics to fit is in the file (" + metrics.stream()
                    .map(Metric::key).toList() + ")");
        }
        String date = root.hasNonNull("date") ? " (" + root.get("date").asText() + ")" : "";
        String label = file.getFileName().toString();
        return new Measurement(label, new ServeBenchmark(d, load), measured, "vllm bench serve result " + name + date);
    }

    /** The top-level fields of a result that calibration reads; the rest (per-request details) are skipped. */
    private static final java.util.Set<String> FIELDS = java.util.Set.of("completed", "failed", "num_prompts",
            "request_rate", "burstiness", "max_concurrency", "input_lens", "output_lens", "total_input_tokens",
            "total_output_tokens", "model_id", "date");

    /**
     * Parses the file's object, keeping only what calibration reads (the settings, totals, lengths and the metrics
     * to fit): a result saved with every request's inter-token latencies and texts can be large.
     */
    private static JsonNode readFields(String text, String name, Collection<Metric> metrics) {
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(name, "expected a JSON object as written by vllm bench serve --save-result");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                boolean wanted = FIELDS.contains(field) || metrics.stream().anyMatch(m -> m.key().equals(field));
                if (wanted) {
                    root.set(field, JSON.readTree(p));
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new InputException(name, "holds more than one JSON value; expected the one object vllm bench "
                        + "serve --save-result writes");
            }
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            throw new InputException(List.of(new InputError(name, line, null, "malformed JSON: "
                    + StrictYaml.firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage());
        }
        return root;
    }

    /**
     * A profile id for a Hugging Face model id: the last path segment, lower case, without an
     * {@code -instruct}/{@code -chat}/{@code -hf} suffix or a {@code meta-} prefix;
     * {@code meta-llama/Llama-3.1-8B-Instruct} becomes {@code llama-3.1-8b}.
     */
    public static String modelProfileId(String modelId) {
        String s = modelId;
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.startsWith("meta-")) {
            s = s.substring("meta-".length());
        }
        for (String suffix : List.of("-instruct", "-chat", "-hf")) {
            if (s.endsWith(suffix)) {
                s = s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }

    private static Double requestRate(JsonNode root, String name) {
        JsonNode r = root.get("request_rate");
        if (r == null || r.isNull()) {
            return null;
        }
        if (r.isNumber()) {
            double v = r.asDouble();
            return Double.isInfinite(v) ? null : v;
        }
        String text = r.asText().trim().toLowerCase(Locale.ROOT);
        if (text.equals("inf") || text.equals("infinity")) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException(name, "request_rate: expected a number or \"inf\", got '" + r.asText() + "'");
        }
    }

    private static int intField(JsonNode root, String field, String name) {
        JsonNode v = root.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new InputException(name, field + ": missing; is this a vllm bench serve --save-result file?");
        }
        return v.asInt();
    }

    private static LengthSpec lengths(JsonNode root, String listField, String totalField, int completed,
            String name) {
        JsonNode list = root.get(listField);
        if (list != null && list.isArray() && list.size() > 0) {
            List<Integer> values = new ArrayList<>();
            for (JsonNode v : list) {
                if (v.canConvertToInt() && v.asInt() > 0) {
                    values.add(v.asInt());
                }
            }
            if (!values.isEmpty()) {
                return new LengthSpec.Empirical(values, null);
            }
        }
        JsonNode total = root.get(totalField);
        if (total == null || !total.isNumber()) {
            throw new InputException(name, totalField + ": missing (and no " + listField + ")");
        }
        int mean = (int) Math.max(1, Math.round(total.asDouble() / completed));
        return new LengthSpec.Fixed(mean);
    }
}
