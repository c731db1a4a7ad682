package org.llmsim.scenario;

import java.util.List;

/**
 * How a GPU pool's hardware is paid for ({@code cluster.pools[i].pricing}); left out, on demand at the GPU profile's
 * price. {@code kind} is one of {@link #KINDS}:
 * <ul>
 *   <li>{@code on_demand}: every provisioned GPU-hour at {@code usd_per_gpu_hour}, else the catalog {@code offer}'s
 *       on-demand price, else the GPU profile's {@code price_usd_per_hour}.</li>
 *   <li>{@code reserved}: a {@code term_years} (1 or 3) commitment on {@code committed_replicas} (default the pool's
 *       initial replicas), paid around the clock at {@code usd_per_gpu_hour}, or the offer's price for that term, or
 *       the on-demand price less {@code discount}; replicas beyond them are paid on demand.</li>
 *   <li>{@code spot}: provisioned GPU-hours at {@code usd_per_gpu_hour}, the offer's spot price or on demand less
 *       {@code discount}; each provisioned replica is reclaimed at {@code interruptions_per_hour} (a Poisson process)
 *       after {@code notice_s} of warning.</li>
 *   <li>{@code owned}: the servers are bought ({@code purchase_usd_per_server}, spread over {@code life_years}),
 *       hosted ({@code hosting_usd_per_kw_month} of rated power), powered ({@code electricity_usd_per_kwh} times
 *       {@code pue}) and run ({@code ops_usd_per_server_month}).</li>
 * </ul>
 */
public record PricingSpec(String kind, String offer, Double usdPerGpuHour, Double discount, Integer termYears,
        Integer committedReplicas, Double interruptionsPerHour, Double noticeS, Double purchaseUsdPerServer,
        Integer gpusPerServer, Double lifeYears, Double hostingUsdPerKwMonth, Double electricityUsdPerKwh, Double pue,
        Double powerKwPerServer, Double opsUsdPerServerMonth, Double energyLoadFactor) {

    public static final String ON_DEMAND = "on_demand";
    public static final String RESERVED = "reserved";
    public static final String SPOT = "spot";
    public static final String OWNED = "owned";
    public static final List<String> KINDS = List.of(ON_DEMAND, RESERVED, SPOT, OWNED);

    /** Pay as you go at the GPU profile's price (what a pool without {@code pricing} does). */
    public static final PricingSpec DEFAULT = new PricingSpec(ON_DEMAND, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null);

    public PricingSpec {
        if (kind == null) {
            kind = ON_DEMAND;
        }
    }

    public void validate(String path, Problems p) {
        if (!KINDS.contains(kind)) {
            p.add(path + ".kind", "must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
            return;
        }
        if (offer != null && offer.isBlank()) {
            p.add(path + ".offer", "must name a price catalog entry (gpu-profiles/prices/) or a path to one");
        }
        p.nonNegative(path + ".usd_per_gpu_hour", usdPerGpuHour);
        if (discount != null && !(discount >= 0 && discount < 1)) {
            p.add(path + ".discount", "must be a fraction in [0, 1) off the on-demand price (0.37 is 37 % off), got "
                    + Problems.format(discount));
        }
        if (usdPerGpuHour != null && discount != null) {
            p.add(path + ".discount", "give usd_per_gpu_hour or discount, not both");
        }
        only(path, p, RESERVED, new String[] {"term_years", "committed_replicas"},
                new Object[] {termYears, committedReplicas});
        only(path, p, SPOT, new String[] {"interruptions_per_hour", "notice_s"},
                new Object[] {interruptionsPerHour, noticeS});
        only(path, p, OWNED, new String[] {"purchase_usd_per_server", "gpus_per_server", "life_years",
            "hosting_usd_per_kw_month", "electricity_usd_per_kwh", "pue", "power_kw_per_server",
            "ops_usd_per_server_month", "energy_load_factor"},
                new Object[] {purchaseUsdPerServer, gpusPerServer, lifeYears, hostingUsdPerKwMonth,
                    electricityUsdPerKwh, pue, powerKwPerServer, opsUsdPerServerMonth, energyLoadFactor});
        switch (kind) {
            case RESERVED -> {
                if (p.required(path + ".term_years", termYears) && termYears != 1 && termYears != 3) {
                    p.add(path + ".term_years", "must be 1 or 3 (years of the commitment), got " + termYears);
                }
                p.nonNegative(path + ".committed_replicas", committedReplicas);
            }
            case SPOT -> {
                p.nonNegative(path + ".interruptions_per_hour", interruptionsPerHour);
                p.nonNegative(path + ".notice_s", noticeS);
            }
            case OWNED -> {
                if (usdPerGpuHour != null || discount != null) {
                    p.add(path, "an owned pool is priced by purchase_usd_per_server, hosting and electricity, not "
                            + "usd_per_gpu_hour or discount");
                }
                p.nonNegative(path + ".purchase_usd_per_server", purchaseUsdPerServer);
                p.atLeast(path + ".gpus_per_server", gpusPerServer, 1);
                p.positive(path + ".life_years", lifeYears);
                p.nonNegative(path + ".hosting_usd_per_kw_month", hostingUsdPerKwMonth);
                p.nonNegative(path + ".electricity_usd_per_kwh", electricityUsdPerKwh);
                if (pue != null && !(pue >= 1 && pue <= 3)) {
                    p.add(path + ".pue", "must be in [1, 3] (facility energy over IT energy), got "
                            + Problems.format(pue));
                }
                p.nonNegative(path + ".power_kw_per_server", powerKwPerServer);
                p.nonNegative(path + ".ops_usd_per_server_month", opsUsdPerServerMonth);
                if (energyLoadFactor != null && !(energyLoadFactor >= 0 && energyLoadFactor <= 1)) {
                    p.add(path + ".energy_load_factor", "must be a fraction in [0, 1] of the rated power, got "
                            + Problems.format(energyLoadFactor));
                }
            }
            default -> {
            }
        }
    }

    private void only(String path, Problems p, String owner, String[] fields, Object[] values) {
        if (owner.equals(kind)) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (values[i] != null) {
                p.add(path + "." + fields[i], "applies to kind " + owner + " only (this pool is " + kind + ")");
            }
        }
    }

    /** Whether the pool's replicas are reclaimed at random. */
    public boolean interruptible() {
        return SPOT.equals(kind) && interruptionsPerHour != null && interruptionsPerHour > 0;
    }
}
