package org.llmsim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows of simulated time during which a replica's forward passes take longer than their physics says (a degraded
 * or throttled GPU holds back its whole group). A pass that starts inside a window is stretched by its factor as a
 * whole; where windows overlap the largest factor applies. {@link #NONE} for a healthy replica.
 */
public final class PassSlowdown {
    /** No degradation: every pass takes its roofline time. */
    public static final PassSlowdown NONE = new PassSlowdown(List.of());

    /** {@code [fromS, toS)} with the factor on each pass's time (at least 1). */
    public record Window(double fromS, double toS, double factor) {
        public Window {
            if (!(factor >= 1) || !(toS > fromS)) {
                throw new IllegalArgumentException("a slowdown needs a factor >= 1 and to > from, got " + factor
                        + " over [" + fromS + ", " + toS + ")");
            }
        }
    }

    private final List<Window> windows;

    private PassSlowdown(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    /** This slowdown with one more window. */
    public PassSlowdown with(Window w) {
        List<Window> all = new ArrayList<>(windows);
        all.add(w);
        return new PassSlowdown(all);
    }

    /** The factor on a pass starting at {@code startS}: 1 outside every window. */
    public double factorAt(double startS) {
        double f = 1.0;
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (startS >= w.fromS() && startS < w.toS() && w.factor() > f) {
                f = w.factor();
            }
        }
        return f;
    }
}
