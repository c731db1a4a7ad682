package org.llmsim.scenario;

import java.util.List;

/**
 * One way to buy GPU servers, as written in {@code gpu-profiles/prices/<id>.yaml}: a cloud instance type (with its
 * on-demand, committed and spot prices) or a server for purchase (its price and rated power). Prices are for the whole
 * instance or server; {@link #perGpu} divides by its GPUs. Every figure cites its public source and date.
 *
 * @param id                   entry id, the file name without {@code .yaml}
 * @param provider             who sells it (aws, gcp, azure, oracle, coreweave, lambda, runpod, ..., or a vendor)
 * @param instanceType         the provider's name for it (p5.48xlarge, a3-highgpu-8g, DGX H100, ...)
 * @param region               where the price applies (us-east-1, us-central1, ...); null where it does not vary
 * @param gpu                  GPU profile id of its accelerators, where llmsim has one
 * @param gpus                 GPUs per instance or server
 * @param onDemandUsdPerHour   pay-as-you-go price of the instance, USD per hour
 * @param reserved             committed prices by term
 * @param spotUsdPerHour       spot or preemptible price of the instance, USD per hour
 * @param spotNoticeS          warning the provider gives before it reclaims a spot instance, seconds
 * @param purchaseUsd          purchase price of one server, USD
 * @param serverPowerKw        rated (maximum) power of one server, kW
 * @param priceAsOf            date and origin of the prices
 * @param sources              where each figure comes from
 */
public record PriceOffer(String id, String provider, String instanceType, String region, String gpu, Integer gpus,
        Double onDemandUsdPerHour, List<Commitment> reserved, Double spotUsdPerHour, Double spotNoticeS,
        Double purchaseUsd, Double serverPowerKw, String priceAsOf, List<String> sources) {

    public PriceOffer {
        reserved = reserved == null ? List.of() : List.copyOf(reserved);
    }

    /**
     * A committed price.
     *
     * @param termYears  1 or 3
     * @param usdPerHour effective price of the instance per hour over the term (upfront payments spread over it)
     * @param payment    how it is paid (no_upfront, all_upfront, ...), as the provider names it
     */
    public record Commitment(Integer termYears, Double usdPerHour, String payment) {
    }

    /** {@code usdPerHour} of the whole instance per GPU; NaN when either is missing. */
    public double perGpu(Double usdPerHour) {
        return usdPerHour == null || gpus == null || gpus < 1 ? Double.NaN : usdPerHour / gpus;
    }

    /** The committed price for {@code termYears}, or null when the entry has none. */
    public Commitment term(int termYears) {
        for (Commitment c : reserved) {
            if (c.termYears() != null && c.termYears() == termYears) {
                return c;
            }
        }
        return null;
    }

    PriceOffer withId(String newId) {
        return new PriceOffer(newId, provider, instanceType, region, gpu, gpus, onDemandUsdPerHour, reserved,
                spotUsdPerHour, spotNoticeS, purchaseUsd, serverPowerKw, priceAsOf, sources);
    }
}
