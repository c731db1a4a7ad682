package org.llmsim.hardware;

/**
 * Where the GPUs of one replica sit, and which of their links cross from one NVLink domain (a node, or an NVL72 rack)
 * to another. A replica is {@code dp} data-parallel ranks, each a pipeline of {@code pp} stages of {@code tp} GPUs;
 * GPUs are numbered rank by rank, stage by stage, so a tensor-parallel group is contiguous, a rank's stages follow
 * one another, and the ranks fill a domain before the next. Each domain holds {@code domainGpus} GPUs.
 *
 * @param tp             tensor-parallel GPUs per stage
 * @param pp             pipeline stages per rank
 * @param dp             data-parallel ranks (attention runs data-parallel; each rank holds its own sequences and KV)
 * @param expertParallel whether the MoE layers of a stage are shared, expert by expert, by all its {@code dp x tp}
 *                       GPUs (otherwise each rank's {@code tp} GPUs split every expert's matrices)
 * @param domainGpus     GPUs joined by the interconnect
 */
public record ParallelLayout(int tp, int pp, int dp, boolean expertParallel, int domainGpus) {

    public ParallelLayout {
        if (tp < 1 || pp < 1 || dp < 1 || domainGpus < 1) {
            throw new IllegalArgumentException("parallel sizes must be >= 1, got tp " + tp + ", pp " + pp + ", dp "
                    + dp + ", domain " + domainGpus);
        }
    }

    /** GPUs of the replica: {@code dp x pp x tp}. */
    public int gpus() {
        return dp * pp * tp;
    }

    /** Whether some of the replica's GPUs sit in another NVLink domain. */
    public boolean spansDomains() {
        return gpus() > domainGpus;
    }

    /** Whether a tensor-parallel group itself spans domains, so its all-reduces run over the network. */
    public boolean tpSpansDomains() {
        return tp > domainGpus;
    }

    /**
     * Stage-to-stage hops of one rank's pipeline that cross domains: a domain holds {@code max(1, domain / tp)}
     * consecutive stages, so {@code ceil(pp / that) - 1} hops cross, the rest stay on the interconnect.
     */
    public int stageHopsAcrossDomains() {
        if (pp == 1 || tp * pp <= domainGpus) {
            return 0;
        }
        int stagesPerDomain = Math.max(1, domainGpus / tp);
        return Math.min(pp - 1, (pp + stagesPerDomain - 1) / stagesPerDomain - 1);
    }

    /** GPUs sharing each MoE layer of a stage: {@code dp x tp} with expert parallelism, else the rank's {@code tp}. */
    public int expertGroup() {
        return expertParallel ? dp * tp : tp;
    }

    /**
     * GPUs of the expert-parallel group (one stage of every rank) in one domain: the tensor-parallel group, times the
     * ranks a domain holds when a rank fits in one.
     */
    public int expertGroupPerDomain() {
        if (tp >= domainGpus) {
            return Math.min(expertGroup(), domainGpus);
        }
        int ranksPerDomain = Math.max(1, Math.min(expertParallel ? dp : 1, domainGpus / (tp * pp)));
        return Math.min(expertGroup(), tp * ranksPerDomain);
    }

    /**
     * Share of the slowest rank in a pass of {@code sequences} sequences spread evenly over the ranks: it holds
     * {@code ceil(sequences / dp)} of them. 1 without data parallelism or for an empty pass.
     */
    public double slowestRankShare(int sequences) {
        if (dp == 1 || sequences <= 0) {
            return 1.0;
        }
        return (double) ((sequences + dp - 1) / dp) / sequences;
    }
}
