package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Disaggregated prefill and decode ({@code cluster.pools[i].disaggregated}, Splitwise / DistServe style): of the pool's
 * replicas, {@code prefill_replicas} compute prompts and first tokens only, {@code decode_replicas} receive each
 * prompt's KV cache and produce the rest of the answer. The KV crosses {@code kv_link}: {@code network} (default; the
 * GPU profile's {@code network_gbps}, each GPU's RDMA NIC, for replicas on different nodes) or {@code nvlink} (the
 * profile's {@code interconnect_gbps}, for prefill and decode replicas inside one node).
 *
 * @param prefillReplicas replicas that run prefills, at least 1
 * @param decodeReplicas  replicas that decode, at least 1
 * @param kvLink          the link the KV crosses
 */
public record DisaggregationSpec(Integer prefillReplicas, Integer decodeReplicas, KvLink kvLink) {

    /** The link between prefill and decode replicas. */
    public enum KvLink {
        /** The GPUs' inter-node RDMA network ({@code network_gbps}, {@code network_latency_us}). */
        @JsonProperty("network") NETWORK,
        /** The node's GPU interconnect ({@code interconnect_gbps}, {@code interconnect_latency_us}). */
        @JsonProperty("nvlink") NVLINK;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DisaggregationSpec {
        if (kvLink == null) {
            kvLink = KvLink.NETWORK;
        }
    }

    /** Prefill plus decode replicas, or null when either is missing. */
    public Integer replicas() {
        return prefillReplicas == null || decodeReplicas == null ? null : prefillReplicas + decodeReplicas;
    }

    public void validate(String path, Problems p) {
        if (p.required(path + ".prefill_replicas", prefillReplicas)) {
            p.atLeast(path + ".prefill_replicas", prefillReplicas, 1);
        }
        if (p.required(path + ".decode_replicas", decodeReplicas)) {
            p.atLeast(path + ".decode_replicas", decodeReplicas, 1);
        }
    }
}
