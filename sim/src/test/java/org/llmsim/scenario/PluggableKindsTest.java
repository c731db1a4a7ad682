package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmsim.app.ResponseCaches;
import org.llmsim.cluster.Routers;

/** The names a scenario may use are exactly the ones the runtime registries can build, in the same order. */
class PluggableKindsTest {
    @Test
    void everyRouterPolicyAScenarioMayName_hasAnImplementation() {
        assertEquals(Routers.names(), PluggableKinds.routerPolicies());
    }

    @Test
    void everyCacheKindAScenarioMayName_hasAnImplementation() {
        assertEquals(ResponseCaches.kinds(), PluggableKinds.cacheKinds());
    }
}
