package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KneeTest {
    @Test
    void knee_ofTheMD1MeanResponseTime_isWhereItsElasticityIsOne() {
        // given T(rho) = S (2 - rho) / (2 (1 - rho)), sampled finely; its elasticity rho / ((1-rho)(2-rho)) is 1
        // at rho = 2 - sqrt(2)
        int n = 400;
        double[] load = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double rho = 0.01 + 0.97 * i / (n - 1);
            load[i] = rho;
            t[i] = (2 - rho) / (2 * (1 - rho));
        }
        assertEquals(2 - Math.sqrt(2), Knee.of(load, t, 1.0), 1e-3);
    }

    @Test
    void knee_ofAFlatCurve_isUndefined_andUnsortedPointsAreSorted() {
        assertTrue(Double.isNaN(Knee.of(new double[] {1, 2, 3}, new double[] {5, 5, 5}, 1.0)));
        // T = L^2 has elasticity 2 everywhere: the knee is already at the lowest sampled loads
        double k = Knee.of(new double[] {4, 1, 2}, new double[] {16, 1, 4}, 1.0);
        assertEquals(Math.sqrt(2), k, 1e-12);
    }
}
