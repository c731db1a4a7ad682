package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A distribution of durations in seconds (think times between turns and between requests of a closed-loop user),
 * chosen by {@code dist:}. A plain number is a constant: {@code think_time_s: 5} is {@code {dist: fixed, value: 5}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "dist")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TimeSpec.Fixed.class, name = "fixed"),
        @JsonSubTypes.Type(value = TimeSpec.Exponential.class, name = "exponential"),
        @JsonSubTypes.Type(value = TimeSpec.Uniform.class, name = "uniform"),
        @JsonSubTypes.Type(value = TimeSpec.Lognormal.class, name = "lognormal")})
public sealed interface TimeSpec {

    /** Mean duration in seconds. */
    double meanS();

    void validate(String path, Problems problems);

    /** Always {@code value} seconds (0 allowed: the next turn follows at once). */
    record Fixed(Double value) implements TimeSpec {
        @Override
        public double meanS() {
            return value;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".value", value)) {
                p.nonNegative(path + ".value", value);
            }
        }
    }

    /** Exponential with mean {@code mean} seconds: memoryless users. */
    record Exponential(Double mean) implements TimeSpec {
        @Override
        public double meanS() {
            return mean;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".mean", mean)) {
                p.positive(path + ".mean", mean);
            }
        }
    }

    /** Uniform on {@code [min, max]} seconds. */
    record Uniform(Double min, Double max) implements TimeSpec {
        @Override
        public double meanS() {
            return (min + max) / 2;
        }

        @Override
        public void validate(String path, Problems p) {
            boolean present = p.required(path + ".min", min) & p.required(path + ".max", max);
            p.nonNegative(path + ".min", min);
            if (present && !(max >= min)) {
                p.add(path + ".max", "must be >= min (" + Problems.format(min) + "), got " + Problems.format(max));
            }
        }
    }

    /**
     * Log-normal with the given mean and standard deviation of the durations themselves (human think times are
     * right-skewed).
     */
    record Lognormal(Double mean, Double stddev) implements TimeSpec {
        @Override
        public double meanS() {
            return mean;
        }

        /** Scale of the underlying normal: {@code sqrt(ln(1 + (stddev/mean)^2))}. */
        public double sigma() {
            return Math.sqrt(Math.log(1 + (stddev / mean) * (stddev / mean)));
        }

        /** Location of the underlying normal: {@code ln(mean) - sigma^2 / 2}. */
        public double mu() {
            return Math.log(mean) - sigma() * sigma() / 2;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".mean", mean)) {
                p.positive(path + ".mean", mean);
            }
            if (p.required(path + ".stddev", stddev)) {
                p.positive(path + ".stddev", stddev);
            }
        }
    }
}
