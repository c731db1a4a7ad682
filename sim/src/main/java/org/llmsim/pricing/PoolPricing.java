package org.llmsim.pricing;

/**
 * How a GPU pool is paid for, resolved to numbers (from the pool's {@code pricing}, its catalog offer and the GPU
 * profile), and what a stretch of its provisioned time costs by kind of spend ({@link PoolBill}).
 *
 * <p>Formulas, for a stretch of {@code H} hours in which the pool had {@code R} provisioned replica-hours of {@code g}
 * GPUs each, {@code X} of them beyond the {@code C} committed replicas, and drew {@code E} kWh:
 * <ul>
 *   <li>on demand and spot: {@code gpu_time = R g p} with {@code p} the price per GPU-hour;</li>
 *   <li>reserved: {@code commitment = C g H p_c} (paid whether used or not) and {@code gpu_time = X g p};</li>
 *   <li>owned, with {@code S = ceil(slots g / gpus_per_server)} servers: {@code amortization = S P H / (life 8760)},
 *       {@code hosting = S kW_rated H hosting_per_kw_month / 730}, {@code operations = S H ops_per_month / 730},
 *       {@code energy = E pue usd_per_kwh}.</li>
 * </ul>
 *
 * @param kind                   on_demand, reserved, spot or owned
 * @param offer                  the price catalog entry it came from, or null
 * @param usdPerGpuHour          price of a provisioned GPU-hour (reserved: of one beyond the commitment; owned: 0)
 * @param committedUsdPerGpuHour reserved: the committed price per GPU-hour
 * @param committedReplicas      reserved: replicas paid around the clock
 * @param termYears              reserved: length of the commitment
 * @param interruptionsPerHour   spot: reclaims per provisioned replica-hour
 * @param noticeS                spot: warning before a reclaim, seconds
 * @param owned                  owned: what the servers cost; null otherwise
 */
public record PoolPricing(String kind, String offer, double usdPerGpuHour, double committedUsdPerGpuHour,
        int committedReplicas, int termYears, double interruptionsPerHour, double noticeS, Owned owned) {

    public static final String ON_DEMAND = "on_demand";
    public static final String RESERVED = "reserved";
    public static final String SPOT = "spot";
    public static final String OWNED = "owned";
    /** Hours in a year (365 x 24), as in the 730-hour month. */
    public static final double HOURS_PER_YEAR = 8760.0;
    /** Hours in an average month (365 x 24 / 12). */
    public static final double HOURS_PER_MONTH = 730.0;

    /** Pay as you go at {@code usdPerGpuHour}. */
    public static PoolPricing onDemand(double usdPerGpuHour) {
        return new PoolPricing(ON_DEMAND, null, usdPerGpuHour, 0, 0, 0, 0, 0, null);
    }

    /**
     * What owned servers cost.
     *
     * @param purchaseUsdPerServer   purchase price of one server
     * @param gpusPerServer          GPUs in one server
     * @param lifeYears              years over which the purchase is spread (straight line)
     * @param hostingUsdPerKwMonth   colocation rent per kW of rated power per month
     * @param electricityUsdPerKwh   price of a kWh at the meter
     * @param pue                    facility energy over IT energy
     * @param powerKwPerServer       rated power of one server, kW
     * @param opsUsdPerServerMonth   operations (people, support contracts) per server per month
     * @param energyLoadFactor       share of rated power drawn while provisioned, in the fallback energy estimate
     */
    public record Owned(double purchaseUsdPerServer, int gpusPerServer, double lifeYears,
            double hostingUsdPerKwMonth, double electricityUsdPerKwh, double pue, double powerKwPerServer,
            double opsUsdPerServerMonth, double energyLoadFactor) {
    }

    /**
     * A stretch of the pool's life.
     *
     * @param hours               its length
     * @param gpusPerReplica      GPUs of one replica
     * @param replicaSlots        replicas the pool can have (owned servers are sized for all of them)
     * @param replicaHours        provisioned replica-hours in it
     * @param excessReplicaHours  of those, replica-hours beyond the committed replicas
     */
    public record Usage(double hours, int gpusPerReplica, int replicaSlots, double replicaHours,
            double excessReplicaHours) {
    }

    public boolean isOwned() {
        return OWNED.equals(kind);
    }

    /** Whether replicas are reclaimed at random (spot with a positive interruption rate). */
    public boolean interruptible() {
        return SPOT.equals(kind) && interruptionsPerHour > 0;
    }

    /** Committed replicas, or 0 for a pool without a commitment. */
    public int committed() {
        return RESERVED.equals(kind) ? committedReplicas : 0;
    }

    /** Servers an owned pool holds for {@code replicaSlots} replicas of {@code gpusPerReplica} GPUs. */
    public int servers(int replicaSlots, int gpusPerReplica) {
        return owned == null ? 0 : (int) Math.ceil((double) replicaSlots * gpusPerReplica / owned.gpusPerServer());
    }

    /**
     * The fallback for an owned pool's energy where its GPU has no power figures: every provisioned server draws
     * {@code energy_load_factor} of its rated power, whatever its load. kWh of IT energy (before PUE).
     */
    public double ratedPowerKwh(double provisionedGpuHours) {
        return owned == null ? 0
                : provisionedGpuHours / owned.gpusPerServer() * owned.powerKwPerServer() * owned.energyLoadFactor();
    }

    /** What the stretch {@code u} cost, by kind; {@code energyKwh} is the IT energy it drew (owned pools only). */
    public PoolBill bill(Usage u, double energyKwh) {
        int g = u.gpusPerReplica();
        return switch (kind) {
            case RESERVED -> new PoolBill(u.excessReplicaHours() * g * usdPerGpuHour,
                    committedReplicas * g * u.hours() * committedUsdPerGpuHour, 0, 0, 0, 0);
            case OWNED -> {
                int s = servers(u.replicaSlots(), g);
                yield new PoolBill(0, 0,
                        s * owned.purchaseUsdPerServer() * u.hours() / (owned.lifeYears() * HOURS_PER_YEAR),
                        energyKwh * owned.pue() * owned.electricityUsdPerKwh(),
                        s * owned.powerKwPerServer() * u.hours() * owned.hostingUsdPerKwMonth() / HOURS_PER_MONTH,
                        s * u.hours() * owned.opsUsdPerServerMonth() / HOURS_PER_MONTH);
            }
            default -> new PoolBill(u.replicaHours() * g * usdPerGpuHour, 0, 0, 0, 0, 0);
        };
    }

    /** One line for {@code llmsim validate}. */
    public String describe() {
        String from = offer != null ? " (offer " + offer + ")" : "";
        return switch (kind) {
            case RESERVED -> String.format(java.util.Locale.ROOT,
                    "reserved %d-year on %d replicas at $%.4f/GPU-h, beyond them on demand at $%.4f/GPU-h%s",
                    termYears, committedReplicas, committedUsdPerGpuHour, usdPerGpuHour, from);
            case SPOT -> String.format(java.util.Locale.ROOT,
                    "spot at $%.4f/GPU-h, %.3g interruptions per replica-hour with %.0f s notice%s", usdPerGpuHour,
                    interruptionsPerHour, noticeS, from);
            case OWNED -> String.format(java.util.Locale.ROOT,
                    "owned: $%.0f per %d-GPU server over %.3g years, %.3g kW rated, hosting $%.2f/kW-month, "
                            + "$%.4f/kWh x PUE %.3g, operations $%.0f/server-month%s",
                    owned.purchaseUsdPerServer(), owned.gpusPerServer(), owned.lifeYears(), owned.powerKwPerServer(),
                    owned.hostingUsdPerKwMonth(), owned.electricityUsdPerKwh(), owned.pue(),
                    owned.opsUsdPerServerMonth(), from);
            default -> String.format(java.util.Locale.ROOT, "on demand at $%.4f/GPU-h%s", usdPerGpuHour, from);
        };
    }
}
