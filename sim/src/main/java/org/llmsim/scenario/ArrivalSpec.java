package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How requests arrive ({@code workload.arrival}), chosen by {@code process:}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "process")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ArrivalSpec.Poisson.class, name = "poisson"),
        @JsonSubTypes.Type(value = ArrivalSpec.Gamma.class, name = "gamma")})
public sealed interface ArrivalSpec {

    /** Mean arrival rate, requests per second. */
    double meanRateRps();

    void validate(String path, Problems problems);

    /** Poisson arrivals: exponential interarrival times with mean {@code 1 / rate_rps}. */
    record Poisson(Double rateRps) implements ArrivalSpec {
        @Override
        public double meanRateRps() {
            return rateRps;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".rate_rps", rateRps)) {
                p.positive(path + ".rate_rps", rateRps);
            }
        }
    }

    /**
     * Renewal arrivals with gamma-distributed interarrival times of mean {@code 1 / rate_rps} and coefficient of
     * variation {@code cv}: 1 is Poisson, above 1 bursty, below 1 smoother than Poisson.
     */
    record Gamma(Double rateRps, Double cv) implements ArrivalSpec {
        @Override
        public double meanRateRps() {
            return rateRps;
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".rate_rps", rateRps)) {
                p.positive(path + ".rate_rps", rateRps);
            }
            if (p.required(path + ".cv", cv)) {
                p.positive(path + ".cv", cv);
            }
        }
    }
}
