package org.llmsim.scenario;

/**
 * Latency objectives of a class, in seconds; each is optional. A request meets the SLO when every objective that is
 * set holds for it (TPOT only applies to requests with more than one output token). {@code deadline_s} is the
 * completion deadline of batch jobs (for example 86,400 for a 24-hour batch window): like {@code e2e_s} it bounds
 * finish minus arrival, and it is reported separately as the share of requests done in time.
 */
public record SloSpec(Double ttftS, Double tpotS, Double e2eS, Double deadlineS) {

    public SloSpec(Double ttftS, Double tpotS, Double e2eS) {
        this(ttftS, tpotS, e2eS, null);
    }

    public void validate(String path, Problems p) {
        p.positive(path + ".ttft_s", ttftS);
        p.positive(path + ".tpot_s", tpotS);
        p.positive(path + ".e2e_s", e2eS);
        p.positive(path + ".deadline_s", deadlineS);
    }

    public boolean isEmpty() {
        return ttftS == null && tpotS == null && e2eS == null && deadlineS == null;
    }
}
