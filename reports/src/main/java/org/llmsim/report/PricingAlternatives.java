package org.llmsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.pricing.PoolPricing;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.PoolPrices;
import org.llmsim.scenario.PriceOffer;
import org.llmsim.scenario.Scenario;

/**
 * What the same fleet would cost per hour of steady state under each way of paying for its GPUs (on demand, reserved
 * 1 and 3 years, spot, owned), from the price catalog entry matching each pool's GPU, and the break-even utilisations.
 *
 * <p>The fleet is each pool's mean provisioned replicas inside the measurement window ({@code R}, from the host
 * energy: host joules / (host watts per GPU x GPUs per replica x window)). Rented prices all from one entry: the
 * pool's own offer when it names one, else the catalog entry for its GPU with the most kinds of price (first by id
 * among equals), else, for on demand only, the pool's own price; owned servers from the pool's own owned pricing, else the first catalog entry for its GPU with a purchase
 * price and rated power, with the defaults of an owned pool and the electricity price given. Each kind is billed by
 * {@link PoolPricing#bill} exactly as a run with that pricing would be (a reservation commits all the pool's
 * replicas; owned energy is the run's measured kWh per provisioned GPU-hour, or the rated-power fallback).
 *
 * <p>Break-even, per pool, with utilisation {@code u} the share of hours a replica is needed, per GPU-hour:
 * <ul>
 *   <li>reserved vs on demand: a reservation is paid every hour, on demand only when used, so
 *       {@code u* = p_reserved / p_on_demand};</li>
 *   <li>owned vs on demand: owned servers cost {@code F} an hour (amortization, hosting, operations per GPU) plus
 *       electricity {@code c = pue x usd_per_kwh} times {@code u e_busy + (1 - u) e_idle} (a server not needed stays
 *       on, drawing the GPU's idle power and the host's), against {@code u p_on_demand}:
 *       {@code u* = (F + c e_idle) / (p_on_demand - c (e_busy - e_idle))}, with {@code e_busy} the run's measured IT
 *       kWh per provisioned GPU-hour. Above 1 (or a non-positive denominator) owning never pays.</li>
 * </ul>
 *
 * @param alternatives one row per kind of pricing
 * @param breakEven    one row per pool
 */
public record PricingAlternatives(List<Alternative> alternatives, List<BreakEven> breakEven) {

    public static final String RESERVED_1Y = "reserved_1y";
    public static final String RESERVED_3Y = "reserved_3y";

    /**
     * @param kind       on_demand, reserved_1y, reserved_3y, spot or owned
     * @param usdPerHour the fleet's steady-state spend rate under it, or NaN when some pool has no such price
     * @param sources    the catalog entries (or {@code pool}) the prices came from, comma separated
     * @param note       why it is missing, or null
     */
    public record Alternative(String kind, double usdPerHour, String sources, String note) {
    }

    /**
     * @param pool             pool name
     * @param onDemandUsdPerGpuHour the on-demand price the break-evens are against (NaN without one)
     * @param reserved1y       utilisation above which a 1-year reservation is cheaper (NaN without prices)
     * @param reserved3y       the same for 3 years
     * @param owned            utilisation above which owning is cheaper than on demand (NaN: no prices; infinite:
     *                         never)
     */
    public record BreakEven(String pool, double onDemandUsdPerGpuHour, double reserved1y, double reserved3y,
            double owned) {
    }

    /**
     * @param offers             the price catalog
     * @param electricityUsdPerKwh price of a kWh for the owned alternative where the pool is not owned (NaN: no owned
     *                           alternative for such pools)
     */
    public static PricingAlternatives of(Scenario scenario, RunResult r, List<PriceOffer> offers,
            double electricityUsdPerKwh) {
        String[] kinds = {PoolPricing.ON_DEMAND, RESERVED_1Y, RESERVED_3Y, PoolPricing.SPOT, PoolPricing.OWNED};
        double[] usd = new double[kinds.length];
        List<List<String>> sources = new ArrayList<>();
        String[] notes = new String[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            sources.add(new ArrayList<>());
        }
        List<BreakEven> breakEven = new ArrayList<>();
        EnergyResult energy = EnergyResult.of(r);
        for (PoolPlan pool : scenario.pools()) {
            int g = pool.hardware().gpus();
            EnergyResult.Row row = energy.pool(pool.name());
            double hostWPerGpu = pool.spec().energy() == null ? scenario.spec().economics().energy().hostWPerGpu()
                    : pool.spec().energy().over(scenario.spec().economics().energy()).hostWPerGpu();
            double windowS = energy.windowS();
            double replicaS = row != null && hostWPerGpu > 0 ? row.hostJ() / (hostWPerGpu * g) : Double.NaN;
            double replicas = replicaS > 0 && windowS > 0 ? replicaS / windowS : pool.replicas();
            // the run's IT kWh per provisioned GPU-hour and the idle draw (NaN without power figures)
            double busyKwh = row != null && pool.hardware().gpu().hasPower() && replicaS > 0
                    ? (row.gpuJ() + row.hostJ()) / 3.6e6 / (replicaS * g / 3600.0) : Double.NaN;
            double idleKwh = pool.hardware().gpu().hasPower()
                    ? (pool.hardware().gpu().idleWOrDefault() + hostWPerGpu) / 1000.0 : Double.NaN;

            PriceOffer rent = rentOffer(pool, offers);
            PoolPricing own = owned(pool, offers, electricityUsdPerKwh);
            String rentId = rent == null ? null : rent.id();
            // every rented kind from one entry, so that the break-evens compare prices of the same offer; the pool's
            // own on-demand price only where the catalog has no entry for its GPU
            boolean ownPrice = rent == null && pool.pricing().kind().equals(PoolPricing.ON_DEMAND);
            double onDemand = ownPrice ? pool.pricing().usdPerGpuHour()
                    : rent == null ? Double.NaN : rent.perGpu(rent.onDemandUsdPerHour());
            String onDemandSource = ownPrice ? "pool" : rentId;
            double[] perGpu = {onDemand, committed(rent, 1), committed(rent, 3),
                    rent == null ? Double.NaN : rent.perGpu(rent.spotUsdPerHour()), Double.NaN};
            String[] from = {onDemandSource, rentId, rentId, rentId, null};
            for (int k = 0; k < 4; k++) {
                double p = perGpu[k];
                // reserved commits every replica of the pool; the others pay the provisioned replicas
                double fleet = k == 1 || k == 2 ? pool.replicas() * g * p : replicas * g * p;
                add(usd, sources, notes, k, fleet, from[k], pool.name(), pool.pricing().kind());
            }
            double ownedUsd = Double.NaN;
            double ownedBreakEven = Double.NaN;
            if (own != null) {
                double itKwh = Double.isNaN(busyKwh) ? own.ratedPowerKwh(replicas * g) : busyKwh * replicas * g;
                ownedUsd = own.bill(new PoolPricing.Usage(1, g, pool.replicas(), replicas, 0), itKwh).total();
                PoolPricing.Owned o = own.owned();
                double fixed = own.bill(new PoolPricing.Usage(1, g, pool.replicas(), pool.replicas(), 0), 0).total()
                        / (pool.replicas() * g);
                double c = o.pue() * o.electricityUsdPerKwh();
                double busy = Double.isNaN(busyKwh) ? own.ratedPowerKwh(1) : busyKwh;
                double idle = Double.isNaN(idleKwh) ? busy : idleKwh;
                double denominator = onDemand - c * (busy - idle);
                double u = (fixed + c * idle) / denominator;
                ownedBreakEven = Double.isNaN(onDemand) ? Double.NaN
                        : denominator <= 0 || u > 1 ? Double.POSITIVE_INFINITY : u;
            }
            add(usd, sources, notes, 4, ownedUsd, own == null ? null
                    : own.offer() == null ? "pool" : own.offer(), pool.name(), pool.pricing().kind());
            breakEven.add(new BreakEven(pool.name(), onDemand, perGpu[1] / onDemand, perGpu[2] / onDemand,
                    ownedBreakEven));
        }
        List<Alternative> rows = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
            rows.add(new Alternative(kinds[k], notes[k] == null ? usd[k] : Double.NaN,
                    String.join(", ", sources.get(k).stream().distinct().toList()), notes[k]));
        }
        return new PricingAlternatives(List.copyOf(rows), List.copyOf(breakEven));
    }

    private static void add(double[] usd, List<List<String>> sources, String[] notes, int k, double fleet,
            String from, String pool, String kind) {
        if (Double.isNaN(fleet)) {
            if (notes[k] == null) {
                notes[k] = "no price for pool " + pool + (k == 4 ? " (no owned server in the catalog for its GPU, "
                        + "or no electricity price)" : " in the catalog for its GPU");
            }
            return;
        }
        usd[k] += fleet;
        if (from != null) {
            sources.get(k).add(from);
        }
    }

    private static double committed(PriceOffer offer, int years) {
        PriceOffer.Commitment c = offer == null ? null : offer.term(years);
        return c == null ? Double.NaN : offer.perGpu(c.usdPerHour());
    }

    /**
     * The pool's own rented offer, else the catalog entry for its GPU with the most kinds of price (committed terms,
     * spot), the first by id among equals; null when the catalog has none with an on-demand price.
     */
    static PriceOffer rentOffer(PoolPlan pool, List<PriceOffer> offers) {
        String gpu = pool.hardware().gpu().id();
        List<PriceOffer> forGpu = offers.stream().filter(o -> gpu.equals(o.gpu()) && o.onDemandUsdPerHour() != null)
                .sorted(Comparator.comparingInt((PriceOffer o) -> -(o.reserved().size()
                        + (o.spotUsdPerHour() == null ? 0 : 1))).thenComparing(PriceOffer::id)).toList();
        for (PriceOffer o : forGpu) {
            if (o.id().equals(pool.pricing().offer())) {
                return o;
            }
        }
        return forGpu.isEmpty() ? null : forGpu.get(0);
    }

    /** The pool's own owned pricing, else one from the first owned server in the catalog for its GPU. */
    static PoolPricing owned(PoolPlan pool, List<PriceOffer> offers, double electricityUsdPerKwh) {
        if (pool.pricing().isOwned()) {
            return pool.pricing();
        }
        if (!(electricityUsdPerKwh >= 0)) {
            return null;
        }
        String gpu = pool.hardware().gpu().id();
        PriceOffer server = offers.stream().filter(o -> gpu.equals(o.gpu()) && o.purchaseUsd() != null
                && o.serverPowerKw() != null).min(Comparator.comparing(PriceOffer::id)).orElse(null);
        if (server == null) {
            return null;
        }
        int perServer = server.gpus() == null ? PoolPrices.DEFAULT_GPUS_PER_SERVER : server.gpus();
        return new PoolPricing(PoolPricing.OWNED, server.id(), 0, 0, 0, 0, 0, 0, new PoolPricing.Owned(
                server.purchaseUsd(), perServer, PoolPrices.DEFAULT_LIFE_YEARS, 0, electricityUsdPerKwh,
                PoolPrices.DEFAULT_PUE, server.serverPowerKw(), 0, PoolPrices.DEFAULT_LOAD_FACTOR));
    }
}
