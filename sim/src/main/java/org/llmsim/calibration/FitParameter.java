package org.llmsim.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.llmsim.hardware.GpuProfile;

/**
 * A GPU-profile figure the fitter may adjust, with its bounds and a typical scale. The optimizer works on
 * {@code value / scale}, so that a step of 1 means a comparable change for every parameter, and the bounds keep every
 * candidate physical: efficiencies in (0, 1], overheads and latencies at least 0.
 */
public enum FitParameter {
    COMPUTE_EFFICIENCY(0.05, 1.0, 0.1),
    MEMORY_EFFICIENCY(0.05, 1.0, 0.1),
    ITERATION_OVERHEAD_S(0.0, 0.1, 2e-3),
    PER_SEQUENCE_OVERHEAD_S(0.0, 1e-3, 2e-5),
    PER_TOKEN_OVERHEAD_S(0.0, 1e-3, 2e-6),
    LAYER_OVERHEAD_S(0.0, 1e-3, 1e-5),
    REQUEST_LATENCY_S(0.0, 1.0, 5e-3),
    /** A property of the node rather than the engine: fitted only when asked for. */
    INTERCONNECT_LATENCY_US(0.0, 1000.0, 20.0);

    /** The parameters fitted when none are named: the engine's efficiencies and overheads. */
    public static final List<FitParameter> DEFAULTS = List.of(COMPUTE_EFFICIENCY, MEMORY_EFFICIENCY,
            ITERATION_OVERHEAD_S, PER_SEQUENCE_OVERHEAD_S, PER_TOKEN_OVERHEAD_S);

    private final double min;
    private final double max;
    private final double scale;

    FitParameter(double min, double max, double scale) {
        this.min = min;
        this.max = max;
        this.scale = scale;
    }

    /** The field name in a GPU profile, e.g. {@code memory_efficiency}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double scale() {
        return scale;
    }

    /** The parameter with this profile field name, or null. */
    public static FitParameter byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst().orElse(null);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(FitParameter::key).toList();
    }

    /** The value in a profile whose engine calibration is already applied (missing optional fields are 0). */
    public double of(GpuProfile g) {
        return switch (this) {
            case COMPUTE_EFFICIENCY -> g.computeEfficiency();
            case MEMORY_EFFICIENCY -> g.memoryEfficiency();
            case ITERATION_OVERHEAD_S -> g.iterationOverheadS();
            case PER_SEQUENCE_OVERHEAD_S -> g.perSequenceOverheadSOrZero();
            case PER_TOKEN_OVERHEAD_S -> g.perTokenOverheadSOrZero();
            case LAYER_OVERHEAD_S -> g.layerOverheadSOrZero();
            case REQUEST_LATENCY_S -> g.requestLatencySOrZero();
            case INTERCONNECT_LATENCY_US -> g.interconnectLatencyUs() == null ? 0 : g.interconnectLatencyUs();
        };
    }

    /** A copy of a flat profile (no per-engine sets) with this parameter set to {@code value}. */
    public GpuProfile set(GpuProfile g, double value) {
        return switch (this) {
            case COMPUTE_EFFICIENCY -> g.withCalibration(value, g.memoryEfficiency(), g.iterationOverheadS(),
                    g.perSequenceOverheadS(), g.perTokenOverheadS(), g.engines());
            case MEMORY_EFFICIENCY -> g.withCalibration(g.computeEfficiency(), value, g.iterationOverheadS(),
                    g.perSequenceOverheadS(), g.perTokenOverheadS(), g.engines());
            case ITERATION_OVERHEAD_S -> g.withCalibration(g.computeEfficiency(), g.memoryEfficiency(), value,
                    g.perSequenceOverheadS(), g.perTokenOverheadS(), g.engines());
            case PER_SEQUENCE_OVERHEAD_S -> g.withCalibration(g.computeEfficiency(), g.memoryEfficiency(),
                    g.iterationOverheadS(), value, g.perTokenOverheadS(), g.engines());
            case PER_TOKEN_OVERHEAD_S -> g.withCalibration(g.computeEfficiency(), g.memoryEfficiency(),
                    g.iterationOverheadS(), g.perSequenceOverheadS(), value, g.engines());
            case LAYER_OVERHEAD_S -> g.withLayerOverheadS(value);
            case REQUEST_LATENCY_S -> g.withRequestLatencyS(value);
            case INTERCONNECT_LATENCY_US -> g.withInterconnectLatencyUs(value);
        };
    }

    /** The value in a unit a person reads: efficiencies as fractions, overheads in ms or us. */
    public String format(double value) {
        return switch (this) {
            case COMPUTE_EFFICIENCY, MEMORY_EFFICIENCY -> String.format(Locale.ROOT, "%.3f", value);
            case ITERATION_OVERHEAD_S, REQUEST_LATENCY_S -> String.format(Locale.ROOT, "%.3f ms", value * 1e3);
            case PER_SEQUENCE_OVERHEAD_S, PER_TOKEN_OVERHEAD_S, LAYER_OVERHEAD_S -> String.format(Locale.ROOT,
                    "%.2f us", value * 1e6);
            case INTERCONNECT_LATENCY_US -> String.format(Locale.ROOT, "%.1f us", value);
        };
    }
}
