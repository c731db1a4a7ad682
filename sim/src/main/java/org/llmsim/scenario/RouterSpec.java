package org.llmsim.scenario;

import org.llmsim.cluster.RouterPolicy;

/** How requests are spread over replicas ({@code cluster.router}); default {@code least_outstanding}. */
public record RouterSpec(RouterPolicy policy) {

    public RouterSpec {
        if (policy == null) {
            policy = RouterPolicy.LEAST_OUTSTANDING;
        }
    }
}
