package org.llmsim.scenario;

import java.nio.file.Path;

import org.llmsim.hardware.GpuProfile;
import org.llmsim.pricing.PoolPricing;

/**
 * Resolves a GPU pool's {@code pricing} into numbers: an explicit field wins, then the catalog {@code offer}, then
 * the GPU profile's on-demand price and the defaults below. Problems are added to the scenario's.
 */
public final class PoolPrices {
    /** Spot notice when neither the pool nor its offer gives one: AWS's two-minute interruption notice. */
    static final double DEFAULT_NOTICE_S = 120;
    /** Straight-line life of an owned server: Amazon's 5 years for its AI/ML servers from 2025 (10-K, 2025-02). */
    public static final double DEFAULT_LIFE_YEARS = 5;
    /** Industry-average PUE in 2023 (Uptime Institute, 1.58). */
    public static final double DEFAULT_PUE = 1.58;
    /**
     * Share of rated power an owned server draws while provisioned, in the fallback energy estimate: MLPerf Training
     * v4.0 8x H100 nodes averaged 5.8-6.7 kW against the DGX H100's 10.2 kW rating (0.57-0.66).
     */
    public static final double DEFAULT_LOAD_FACTOR = 0.6;
    /** GPUs per owned server when neither the pool nor its offer says. */
    public static final int DEFAULT_GPUS_PER_SERVER = 8;

    private PoolPrices() {
    }

    static PoolPricing resolve(PoolSpec pool, GpuProfile gpu, ProfileCatalog catalog, Path baseDir, String fileName,
            String poolPath, Problems problems) {
        PricingSpec s = pool.pricing();
        String path = poolPath + ".pricing";
        PriceOffer offer = null;
        if (s.offer() != null) {
            try {
                offer = catalog.offer(s.offer(), baseDir, fileName, path + ".offer");
            } catch (InputException e) {
                problems.addAll(e);
                return null;
            }
            if (offer.gpu() != null && !offer.gpu().equals(gpu.id())) {
                problems.add(path + ".offer", "is an offer of " + offer.gpu() + " GPUs (" + offer.instanceType()
                        + "), but the pool runs on " + gpu.id() + "; name an offer of " + gpu.id() + " GPUs");
                return null;
            }
        }
        String offerId = offer == null ? null : offer.id();
        double onDemand = offer != null && offer.onDemandUsdPerHour() != null
                ? offer.perGpu(offer.onDemandUsdPerHour()) : gpu.priceUsdPerHour();
        switch (s.kind()) {
            case PricingSpec.RESERVED -> {
                int term = s.termYears();
                Double committed = s.usdPerGpuHour();
                if (committed == null && offer != null && offer.term(term) != null) {
                    committed = offer.perGpu(offer.term(term).usdPerHour());
                }
                if (committed == null && s.discount() != null) {
                    committed = onDemand * (1 - s.discount());
                }
                if (committed == null) {
                    problems.add(path, "reserved needs its committed price: usd_per_gpu_hour, discount (off on demand) "
                            + "or an offer with a " + term + "-year price" + (offer == null ? ""
                                    : " (" + offer.id() + " has " + terms(offer) + ")"));
                    return null;
                }
                int replicas = s.committedReplicas() != null ? s.committedReplicas() : pool.replicas();
                return new PoolPricing(PoolPricing.RESERVED, offerId, onDemand, committed, replicas, term, 0, 0,
                        null);
            }
            case PricingSpec.SPOT -> {
                Double price = s.usdPerGpuHour();
                if (price == null && offer != null && offer.spotUsdPerHour() != null) {
                    price = offer.perGpu(offer.spotUsdPerHour());
                }
                if (price == null && s.discount() != null) {
                    price = onDemand * (1 - s.discount());
                }
                if (price == null) {
                    problems.add(path, "spot needs its price: usd_per_gpu_hour, discount (off on demand) or an offer "
                            + "with spot_usd_per_hour" + (offer == null ? "" : " (" + offer.id() + " has none)"));
                    return null;
                }
                double rate = s.interruptionsPerHour() != null ? s.interruptionsPerHour() : 0;
                if (rate > 0 && pool.disaggregated() != null) {
                    problems.add(path + ".interruptions_per_hour", "cannot strike a disaggregated pool (as with "
                            + "replica_crash faults); use a co-located pool or interruptions_per_hour: 0");
                    return null;
                }
                double notice = s.noticeS() != null ? s.noticeS()
                        : offer != null && offer.spotNoticeS() != null ? offer.spotNoticeS() : DEFAULT_NOTICE_S;
                return new PoolPricing(PoolPricing.SPOT, offerId, price, 0, 0, 0, rate, notice, null);
            }
            case PricingSpec.OWNED -> {
                return owned(s, offer, path, problems);
            }
            default -> {
                double price = s.usdPerGpuHour() != null ? s.usdPerGpuHour()
                        : s.discount() != null ? onDemand * (1 - s.discount()) : onDemand;
                return new PoolPricing(PoolPricing.ON_DEMAND, offerId, price, 0, 0, 0, 0, 0, null);
            }
        }
    }

    private static PoolPricing owned(PricingSpec s, PriceOffer offer, String path, Problems problems) {
        Double purchase = s.purchaseUsdPerServer() != null ? s.purchaseUsdPerServer()
                : offer != null ? offer.purchaseUsd() : null;
        Double power = s.powerKwPerServer() != null ? s.powerKwPerServer()
                : offer != null ? offer.serverPowerKw() : null;
        int before = problems.count();
        if (purchase == null) {
            problems.add(path + ".purchase_usd_per_server", "owned needs the price of a server: give it, or an offer "
                    + "with purchase_usd" + (offer == null ? "" : " (" + offer.id() + " has none)"));
        }
        if (power == null) {
            problems.add(path + ".power_kw_per_server", "owned needs a server's rated power (for hosting and energy): "
                    + "give it, or an offer with server_power_kw" + (offer == null ? ""
                            : " (" + offer.id() + " has none)"));
        }
        problems.required(path + ".electricity_usd_per_kwh", s.electricityUsdPerKwh());
        if (problems.count() > before) {
            return null;
        }
        int gpus = s.gpusPerServer() != null ? s.gpusPerServer()
                : offer != null && offer.gpus() != null ? offer.gpus() : DEFAULT_GPUS_PER_SERVER;
        PoolPricing.Owned o = new PoolPricing.Owned(purchase, gpus,
                s.lifeYears() != null ? s.lifeYears() : DEFAULT_LIFE_YEARS,
                s.hostingUsdPerKwMonth() != null ? s.hostingUsdPerKwMonth() : 0, s.electricityUsdPerKwh(),
                s.pue() != null ? s.pue() : DEFAULT_PUE, power,
                s.opsUsdPerServerMonth() != null ? s.opsUsdPerServerMonth() : 0,
                s.energyLoadFactor() != null ? s.energyLoadFactor() : DEFAULT_LOAD_FACTOR);
        return new PoolPricing(PoolPricing.OWNED, offer == null ? null : offer.id(), 0, 0, 0, 0, 0, 0, o);
    }

    private static String terms(PriceOffer offer) {
        if (offer.reserved().isEmpty()) {
            return "no committed price";
        }
        StringBuilder b = new StringBuilder("terms");
        for (PriceOffer.Commitment c : offer.reserved()) {
            b.append(' ').append(c.termYears());
        }
        return b.append(" years").toString();
    }
}
