package org.llmsim.metrics;

import org.llmsim.request.Request;
import org.llmsim.scenario.SloSpec;

/** Whether a completed request met the latency objectives of its class. */
public final class SloCheck {
    private SloCheck() {
    }

    /** True when every target that is set holds; TPOT is only checked for outputs longer than one token. */
    public static boolean meets(SloSpec slo, Request r) {
        if (slo.ttftS() != null && !(r.ttftS() <= slo.ttftS())) {
            return false;
        }
        if (slo.tpotS() != null && r.outputTokens() > 1 && !(r.tpotS() <= slo.tpotS())) {
            return false;
        }
        if (slo.e2eS() != null && !(r.e2eS() <= slo.e2eS())) {
            return false;
        }
        return meetsDeadline(slo, r);
    }

    /** True when the class has no deadline or the request finished within it. */
    public static boolean meetsDeadline(SloSpec slo, Request r) {
        return slo.deadlineS() == null || r.e2eS() <= slo.deadlineS();
    }
}
