package org.llmsim.calibration;

import java.util.Arrays;
import java.util.List;

import org.llmsim.request.Request;

/**
 * What a simulated benchmark measured, with the definitions of {@code vllm bench serve}: TTFT from the moment a
 * request is sent, TPOT = (E2E - TTFT) / (output tokens - 1) over requests with more than one output token, mean ITL
 * over all gaps between tokens, median ITL over the gaps the engine reported one by one (the gaps between
 * consecutive tokens of a request), throughputs over the duration from the first request sent to the last one finished.
 * Percentiles of per-request quantities interpolate linearly between order statistics, as NumPy's default does; the
 * ITL median comes from a histogram accurate to three significant digits.
 *
 * @param completed            requests that finished
 * @param failed               requests that were rejected or did not finish
 * @param durationS            first request sent to last request finished, seconds
 * @param totalInputTokens     prompt tokens of completed requests
 * @param totalOutputTokens    output tokens of completed requests
 * @param ttftS                time to first token, seconds
 * @param tpotS                time per output token after the first, seconds
 * @param e2elS                end-to-end latency, seconds
 * @param meanItlS             mean inter-token latency over all tokens, seconds
 * @param medianItlS           median inter-token latency over all tokens, seconds (NaN when no gap was reported)
 * @param gpuJoules            energy of the GPUs over the duration: the passes at their operators' power, the rest
 *                             of the time idle (NaN when the GPU profile gives no {@code tdp_w} or it was not asked)
 */
public record BenchmarkStats(int completed, int failed, double durationS, long totalInputTokens,
        long totalOutputTokens, Summary ttftS, Summary tpotS, Summary e2elS, double meanItlS, double medianItlS,
        double gpuJoules) {

    public BenchmarkStats(int completed, int failed, double durationS, long totalInputTokens, long totalOutputTokens,
            Summary ttftS, Summary tpotS, Summary e2elS, double meanItlS, double medianItlS) {
        this(completed, failed, durationS, totalInputTokens, totalOutputTokens, ttftS, tpotS, e2elS, meanItlS,
                medianItlS, Double.NaN);
    }

    /** The same stats with the GPUs' energy. */
    public BenchmarkStats withGpuJoules(double joules) {
        return new BenchmarkStats(completed, failed, durationS, totalInputTokens, totalOutputTokens, ttftS, tpotS,
                e2elS, meanItlS, medianItlS, joules);
    }

    /** GPU joules per output token, as NVML-based measurements report them (NaN without energy or tokens). */
    public double joulesPerOutputToken() {
        return totalOutputTokens > 0 ? gpuJoules / totalOutputTokens : Double.NaN;
    }

    /** Stats without the engine's inter-token gaps (the median ITL unknown). */
    public BenchmarkStats(int completed, int failed, double durationS, long totalInputTokens, long totalOutputTokens,
            Summary ttftS, Summary tpotS, Summary e2elS, double meanItlS) {
        this(completed, failed, durationS, totalInputTokens, totalOutputTokens, ttftS, tpotS, e2elS, meanItlS,
                Double.NaN);
    }

    public double requestThroughput() {
        return durationS > 0 ? completed / durationS : Double.NaN;
    }

    public double outputThroughput() {
        return durationS > 0 ? totalOutputTokens / durationS : Double.NaN;
    }

    public double totalTokenThroughput() {
        return durationS > 0 ? (totalInputTokens + totalOutputTokens) / durationS : Double.NaN;
    }

    /** Mean, median and 99th percentile of one per-request quantity (NaN when there are no samples). */
    public record Summary(double mean, double median, double p99) {
        static Summary of(double[] values, int n) {
            if (n == 0) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = Arrays.copyOf(values, n);
            Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return new Summary(sum / n, percentile(v, 50), percentile(v, 99));
        }
    }

    /** Linear interpolation between order statistics of sorted {@code v} (NumPy's default method). */
    static double percentile(double[] v, double p) {
        double index = p / 100 * (v.length - 1);
        int lo = (int) Math.floor(index);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (index - lo);
    }

    /**
     * Summarises completed requests; {@code sentS} of each is its arrival time in the simulation (the client sends it
     * the moment it arrives).
     */
    static BenchmarkStats of(List<Request> completed, int failed, double durationS) {
        return of(completed, failed, durationS, Double.NaN);
    }

    /** As {@link #of(List, int, double)}, with the median of the gaps between tokens the engine reported. */
    static BenchmarkStats of(List<Request> completed, int failed, double durationS, double medianItlS) {
        int n = completed.size();
        double[] ttft = new double[n];
        double[] tpot = new double[n];
        double[] e2e = new double[n];
        int withTpot = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        double decodeS = 0;
        long gaps = 0;
        for (int i = 0; i < n; i++) {
            Request r = completed.get(i);
            ttft[i] = r.ttftS();
            e2e[i] = r.e2eS();
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
            if (r.outputTokens() > 1) {
                tpot[withTpot++] = r.tpotS();
                decodeS += r.e2eS() - r.ttftS();
                gaps += r.outputTokens() - 1;
            }
        }
        return new BenchmarkStats(n, failed, durationS, inputTokens, outputTokens, Summary.of(ttft, n),
                Summary.of(tpot, withTpot), Summary.of(e2e, n), gaps == 0 ? Double.NaN : decodeS / gaps, medianItlS);
    }
}
