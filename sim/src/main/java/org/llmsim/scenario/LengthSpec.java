package org.llmsim.scenario;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apache.commons.math3.distribution.LogNormalDistribution;

/**
 * A distribution of token counts ({@code input_tokens}, {@code output_tokens}), chosen by {@code dist:}. Every
 * distribution has a finite upper bound, so limits that depend on it (token budgets, KV reservations) are known.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "dist")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LengthSpec.Fixed.class, name = "fixed"),
        @JsonSubTypes.Type(value = LengthSpec.Uniform.class, name = "uniform"),
        @JsonSubTypes.Type(value = LengthSpec.Lognormal.class, name = "lognormal"),
        @JsonSubTypes.Type(value = LengthSpec.Empirical.class, name = "empirical")})
public sealed interface LengthSpec {

    /** The largest value the distribution can produce. */
    int upperBound();

    /** The mean token count (before truncation, for lognormal). */
    double meanTokens();

    void validate(String path, Problems problems);

    /** The smallest length {@code spec} can produce, or null when unknown (a malformed table). */
    static Integer shortest(LengthSpec spec) {
        if (spec instanceof LengthSpec.Fixed f) {
            return f.value();
        }
        if (spec instanceof LengthSpec.Uniform u) {
            return u.min();
        }
        if (spec instanceof LengthSpec.Lognormal l) {
            return l.lowerBound();
        }
        if (spec instanceof LengthSpec.Empirical e && e.values() != null) {
            return e.values().stream().filter(v -> v != null).min(Integer::compare).orElse(null);
        }
        return null;
    }

    /** Always {@code value}. */
    record Fixed(Integer value) implements LengthSpec {
        @Override
        public int upperBound() {
            return value;
        }

        @Override
        public double meanTokens() {
            return value;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".value", value)) {
                p.atLeast(path + ".value", value, 1);
            }
        }
    }

    /** Integers uniform on {@code [min, max]}. */
    record Uniform(Integer min, Integer max) implements LengthSpec {
        @Override
        public int upperBound() {
            return max;
        }

        @Override
        public double meanTokens() {
            return (min + max) / 2.0;
        }

        @Override
        public void validate(String path, Problems p) {
            boolean present = p.required(path + ".min", min) & p.required(path + ".max", max);
            if (present) {
                p.atLeast(path + ".min", min, 1);
                if (max < min) {
                    p.add(path + ".max", "must be >= min (" + min + "), got " + max);
                }
            }
        }
    }

    /**
     * Log-normal with the given mean and standard deviation (of the token counts themselves, not of their logarithm),
     * rounded to integers and truncated to {@code [min, max]} by redrawing. Without {@code max}, the bound is the
     * distribution's 99.9999th percentile.
     */
    record Lognormal(Double mean, Double stddev, Integer min, Integer max) implements LengthSpec {
        @Override
        public int upperBound() {
            if (max != null) {
                return max;
            }
            return (int) Math.min(Integer.MAX_VALUE / 2,
                    Math.ceil(new LogNormalDistribution(null, mu(), sigma()).inverseCumulativeProbability(1 - 1e-6)));
        }

        public int lowerBound() {
            return min == null ? 1 : min;
        }

        @Override
        public double meanTokens() {
            return mean;
        }

        /** Location of the underlying normal: {@code ln(mean) - sigma^2 / 2}. */
        public double mu() {
            return Math.log(mean) - sigma() * sigma() / 2;
        }

        /** Scale of the underlying normal: {@code sqrt(ln(1 + (stddev/mean)^2))}. */
        public double sigma() {
            return Math.sqrt(Math.log(1 + (stddev / mean) * (stddev / mean)));
        }

        @Override
        public void validate(String path, Problems p) {
            boolean present = p.required(path + ".mean", mean) & p.required(path + ".stddev", stddev);
            p.positive(path + ".mean", mean);
            p.positive(path + ".stddev", stddev);
            p.atLeast(path + ".min", min, 1);
            if (max != null && present && mean != null) {
                int lo = lowerBound();
                if (max < lo) {
                    p.add(path + ".max", "must be >= min (" + lo + "), got " + max);
                } else if (mean > 0 && stddev > 0) {
                    LogNormalDistribution d = new LogNormalDistribution(null, mu(), sigma());
                    double mass = d.cumulativeProbability(max + 0.5) - d.cumulativeProbability(lo - 0.5);
                    if (mass < 0.01) {
                        p.add(path, "[" + lo + ", " + max + "] holds only " + String.format("%.2g", mass * 100)
                                + "% of a lognormal with mean " + Problems.format(mean) + "; widen min/max or move the mean");
                    }
                }
            }
        }
    }

    /** {@code values} drawn with probabilities proportional to {@code weights} (equal weights when omitted). */
    record Empirical(List<Integer> values, List<Double> weights) implements LengthSpec {
        @Override
        public int upperBound() {
            return values.stream().mapToInt(Integer::intValue).max().orElse(1);
        }

        @Override
        public double meanTokens() {
            double total = 0;
            double weighted = 0;
            for (int i = 0; i < values.size(); i++) {
                double w = weights == null ? 1 : weights.get(i);
                total += w;
                weighted += w * values.get(i);
            }
            return weighted / total;
        }

        @Override
        public void validate(String path, Problems p) {
            if (!p.required(path + ".values", values)) {
                return;
            }
            if (values.isEmpty()) {
                p.add(path + ".values", "must list at least one value");
            }
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i) < 1) {
                    p.add(path + ".values[" + i + "]", "must be >= 1, got " + values.get(i));
                }
            }
            if (weights != null) {
                if (weights.size() != values.size()) {
                    p.add(path + ".weights", "must have one weight per value (" + values.size() + "), got "
                            + weights.size());
                }
                p.weights(path + ".weights", weights);
            }
        }
    }
}
