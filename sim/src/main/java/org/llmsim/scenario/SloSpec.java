package org.llmsim.scenario;

/**
 * Latency objectives of a workload, in seconds; each is optional. A request meets the SLO when every objective that
 * is set holds for it (TPOT only applies to requests with more than one output token).
 */
public record SloSpec(Double ttftS, Double tpotS, Double e2eS) {

    public void validate(String path, Problems p) {
        p.positive(path + ".ttft_s", ttftS);
        p.positive(path + ".tpot_s", tpotS);
        p.positive(path + ".e2e_s", e2eS);
    }

    public boolean isEmpty() {
        return ttftS == null && tpotS == null && e2eS == null;
    }
}
