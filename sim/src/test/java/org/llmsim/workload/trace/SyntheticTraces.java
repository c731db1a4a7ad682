package org.llmsim.workload.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes synthetic request traces in the layouts llmsim reads: Poisson arrivals (or burstier ones, with
 * hyperexponential gaps of a given coefficient of variation), log-normal prompt and output lengths. Nothing here
 * comes from a real trace. Used for test fixtures, for the sample trace of
 * {@code scenarios/traces/}, and to generate the multi-million-row trace of the memory measurement in the README:
 *
 * <pre>
 *   java sim/src/test/java/org/llmsim/workload/trace/SyntheticTraces.java /tmp/5m.csv 5000000 azure 200 1
 * </pre>
 *
 * (a single-file program: it uses only the JDK). Arguments: file, rows, layout (azure, burstgpt, vidur, splitwise,
 * csv, jsonl), mean rate in requests per second, seed, and optionally the coefficient of variation of the gaps
 * (default 1, Poisson).
 */
public final class SyntheticTraces {
    private static final DateTimeFormatter AZURE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS")
            .withZone(ZoneOffset.UTC);
    /** Start of the synthetic date-time axis (an arbitrary instant). */
    private static final long START_EPOCH_S = 1_700_000_000L;

    private SyntheticTraces() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: SyntheticTraces FILE ROWS LAYOUT RATE_RPS SEED [CV]");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]), args[2], Double.parseDouble(args[3]),
                Long.parseLong(args[4]), args.length == 6 ? Double.parseDouble(args[5]) : 1.0);
    }

    /**
     * Writes {@code rows} rows of {@code layout} at {@code rateRps} on average; gaps are exponential for
     * {@code cv = 1}, balanced two-phase hyperexponential for {@code cv > 1}.
     */
    public static void write(Path file, long rows, String layout, double rateRps, long seed, double cv)
            throws IOException {
        if (cv < 1) {
            throw new IllegalArgumentException("cv must be >= 1, got " + cv);
        }
        double scv = cv * cv;
        double p = (1 + Math.sqrt((scv - 1) / (scv + 1))) / 2;
        SplittableRandom rng = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = header(layout);
            if (header != null) {
                out.write(header);
                out.write('\n');
            }
            long micros = 0;
            for (long i = 0; i < rows; i++) {
                double phaseRate = scv == 1 ? rateRps : rng.nextDouble() < p ? 2 * p * rateRps : 2 * (1 - p) * rateRps;
                micros += Math.round(-Math.log1p(-rng.nextDouble()) / phaseRate * 1e6);
                int input = lognormal(rng, 1000, 800, 16_000);
                int output = lognormal(rng, 250, 150, 2_000);
                out.write(row(layout, i, micros, input, output));
                out.write('\n');
            }
        }
    }

    static String header(String layout) {
        return switch (layout) {
            case "azure" -> "TIMESTAMP,ContextTokens,GeneratedTokens";
            case "burstgpt" -> "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";
            case "vidur" -> "arrived_at,num_prefill_tokens,num_decode_tokens";
            case "splitwise" -> "request_id,request_type,application_id,arrival_timestamp,batch_size,prompt_size,"
                    + "token_size";
            case "csv" -> "arrival_s,input_tokens,output_tokens";
            case "jsonl" -> null;
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    static String row(String layout, long index, long micros, int input, int output) {
        String seconds = String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
        return switch (layout) {
            case "azure" -> AZURE_TIME.format(Instant.ofEpochSecond(START_EPOCH_S, micros * 1000)) + "," + input + ","
                    + output;
            case "burstgpt" -> seconds + ",ChatGPT," + input + "," + output + "," + (input + output)
                    + ",Conversation log";
            case "vidur", "csv" -> seconds + "," + input + "," + output;
            case "splitwise" -> index + ",2,0," + seconds + ",1," + input + "," + output;
            case "jsonl" -> "{\"arrival_s\": " + seconds + ", \"input_tokens\": " + input + ", \"output_tokens\": "
                    + output + "}";
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    /** A log-normal count with the given mean and standard deviation, clamped to [1, max]. */
    static int lognormal(SplittableRandom rng, double mean, double stddev, int max) {
        double sigma = Math.sqrt(Math.log(1 + (stddev / mean) * (stddev / mean)));
        double mu = Math.log(mean) - sigma * sigma / 2;
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return (int) Math.max(1, Math.min(max, Math.round(Math.exp(mu + sigma * z))));
    }
}
