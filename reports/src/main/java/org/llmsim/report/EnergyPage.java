package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.RunResult;

/**
 * The run report's energy page: per GPU pool, the mean power of its GPUs and of the facility over the measurement
 * window, the energy per output token and the CO2, as a table and as bars (from {@link EnergyResult}, the same
 * figures as summary.json's {@code energy} block).
 */
final class EnergyPage {
    private EnergyPage() {
    }

    /** Whether the run has energy figures to show (some pool's GPU has power figures). */
    static boolean applies(RunResult r) {
        return EnergyResult.of(r).pools().stream().anyMatch(p -> !Double.isNaN(p.gpuJ()));
    }

    static void write(PdfDocumentBuilder pdf, RunResult r) {
        EnergyResult e = EnergyResult.of(r);
        double windowS = e.windowS();
        pdf.newPage();
        pdf.heading("Energy by pool");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"pool", "GPU power (kW)", "facility power (kW)", "facility kWh", "J per output token",
            "kg CO2e"});
        List<String> names = new ArrayList<>();
        double[] gpuKw = new double[e.pools().size()];
        double[] perToken = new double[e.pools().size()];
        for (int i = 0; i < e.pools().size(); i++) {
            EnergyResult.Row p = e.pools().get(i);
            names.add(p.name());
            gpuKw[i] = p.meanGpuPowerW(windowS) / 1000;
            perToken[i] = p.joulesPerOutputToken();
            rows.add(new String[] {p.name(), number(gpuKw[i]), number(p.meanFacilityPowerW(windowS) / 1000),
                number(p.facilityKwh()), number(perToken[i]), number(p.co2Kg())});
        }
        pdf.table(rows, pdf.widthsByContent(rows));
        pdf.subtle("Over the measurement window (" + Format.duration(windowS) + "). GPU power: the passes' energy and "
                + "idle time of every GPU of the pool; facility: GPUs and hosts times the PUE. J per output token "
                + "divides the GPU energy by the output tokens produced in the window. '-' where a GPU has no power "
                + "figures or (CO2) no grid intensity.");
        pdf.chart(Charts.bars("Mean GPU power by pool", null, "kW", names,
                List.of(new Charts.Bars("GPU power", zeroIfNaN(gpuKw), Charts.color(0))), true, false),
                Math.max(120, 70 + 26 * names.size()));
        pdf.chart(Charts.bars("Energy per output token by pool", null, "J per output token", names,
                List.of(new Charts.Bars("GPU energy", zeroIfNaN(perToken), Charts.color(1))), true, false),
                Math.max(120, 70 + 26 * names.size()));
    }

    private static double[] zeroIfNaN(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(out[i]) || Double.isInfinite(out[i]) ? 0 : out[i];
        }
        return out;
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 1 ? "%.2f" : "%.3f", v);
    }
}
