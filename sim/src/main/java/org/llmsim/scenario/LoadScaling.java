package org.llmsim.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.workload.trace.TraceSummary;

/**
 * Scales a scenario's traffic by a factor {@code m}, as {@code --set} assignments: every arrival source of the
 * workload (the shared {@code workload.arrival} and each class's own) keeps its shape and has its rates multiplied,
 * so the mix of classes, the daily curve, spikes and bursts stay as written:
 *
 * <ul>
 *   <li>{@code poisson}, {@code gamma}: {@code rate_rps}; {@code diurnal}: {@code trough_rps} and {@code peak_rps};
 *       {@code piecewise}: every rate of the table; {@code onoff}: {@code on_rate_rps} and {@code off_rate_rps};</li>
 *   <li>{@code trace}: the trace's {@code rate_rps} when it sets one, otherwise its {@code speedup};</li>
 *   <li>{@code closed_loop}: {@code users} (rounded, at least 1).</li>
 * </ul>
 *
 * The load is then measured in requests per second (the sum of the sources' mean rates) when every source is open,
 * in users when every source is a closed loop, and as the factor itself when they are mixed.
 */
public final class LoadScaling {
    /** What the load is measured in. */
    public enum Unit {
        /** requests per second, the mean arrival rate */
        RPS("req/s", "arrival rate"),
        /** closed-loop users */
        USERS("users", "users"),
        /** a multiple of the scenario's traffic */
        FACTOR("x", "traffic multiple");

        private final String symbol;
        private final String noun;

        Unit(String symbol, String noun) {
            this.symbol = symbol;
            this.noun = noun;
        }

        public String symbol() {
            return symbol;
        }

        public String noun() {
            return noun;
        }
    }

    /** One scaled field: its path and its value in the scenario; {@code trace} for a trace's time axis. */
    private record Field(String path, double value, boolean integer, boolean trace) {
        Field(String path, double value, boolean integer) {
            this(path, value, integer, false);
        }
    }

    private final List<Field> fields;
    private final Unit unit;
    private final double baseLoad;
    private final String description;

    private LoadScaling(List<Field> fields, Unit unit, double baseLoad, String description) {
        this.fields = List.copyOf(fields);
        this.unit = unit;
        this.baseLoad = baseLoad;
        this.description = description;
    }

    /** How to scale {@code scenario}'s traffic. */
    public static LoadScaling of(Scenario scenario) {
        WorkloadSpec w = scenario.spec().workload();
        WorkloadPlan plan = scenario.workload();
        List<Field> fields = new ArrayList<>();
        double rate = 0;
        int open = 0;
        int closed = 0;
        List<String> sources = new ArrayList<>();
        if (plan.sharedArrival() != null) {
            Source s = source("workload", plan.sharedArrival(), w.trace(), plan.sharedTrace(), fields);
            rate += s.rate;
            open += s.closed ? 0 : 1;
            closed += s.closed ? 1 : 0;
            sources.add(s.what);
        }
        List<ClassSpec> classes = plan.classes();
        for (int i = 0; i < classes.size(); i++) {
            ClassSpec c = classes.get(i);
            if (c.sharesWorkloadArrival()) {
                continue;
            }
            Source s = source("workload.classes[" + i + "]", c.arrival(), c.trace(), plan.classTraces().get(i),
                    fields);
            rate += s.rate;
            open += s.closed ? 0 : 1;
            closed += s.closed ? 1 : 0;
            sources.add(s.what);
        }
        if (fields.isEmpty()) {
            throw new InputException(scenario.sourceFile(), "the workload has no arrival rate to scale");
        }
        String description = sources.size() == 1 ? sources.get(0) : "every arrival source's rates (" + String.join(
                "; ", sources) + ")";
        if (closed == 0) {
            return new LoadScaling(fields, Unit.RPS, rate, description);
        }
        if (open == 0) {
            double users = fields.stream().mapToDouble(Field::value).sum();
            return new LoadScaling(fields, Unit.USERS, users, description);
        }
        return new LoadScaling(fields, Unit.FACTOR, 1.0, description);
    }

    private record Source(double rate, boolean closed, String what) {
    }

    private static Source source(String at, ArrivalSpec arrival, TraceSpec trace, TraceSummary scanned,
            List<Field> fields) {
        String p = at + ".arrival";
        if (arrival instanceof ArrivalSpec.Poisson a) {
            fields.add(new Field(p + ".rate_rps", a.rateRps(), false));
            return new Source(a.meanRateRps(), false, p + ".rate_rps");
        }
        if (arrival instanceof ArrivalSpec.Gamma a) {
            fields.add(new Field(p + ".rate_rps", a.rateRps(), false));
            return new Source(a.meanRateRps(), false, p + ".rate_rps");
        }
        if (arrival instanceof ArrivalSpec.Diurnal a) {
            fields.add(new Field(p + ".trough_rps", a.troughRps(), false));
            fields.add(new Field(p + ".peak_rps", a.peakRps(), false));
            return new Source(a.meanRateRps(), false, p + ".trough_rps and peak_rps");
        }
        if (arrival instanceof ArrivalSpec.Piecewise a) {
            if (a.points() != null) {
                for (int i = 0; i < a.points().size(); i++) {
                    fields.add(new Field(p + ".points[" + i + "].rate_rps", a.points().get(i).rateRps(), false));
                }
            } else {
                for (int i = 0; i < a.ratesRps().size(); i++) {
                    fields.add(new Field(p + ".rates_rps[" + i + "]", a.ratesRps().get(i), false));
                }
            }
            return new Source(a.meanRateRps(), false, p + "'s rate table");
        }
        if (arrival instanceof ArrivalSpec.OnOff a) {
            fields.add(new Field(p + ".on_rate_rps", a.onRateRps(), false));
            if (a.offRateRps() > 0) {
                fields.add(new Field(p + ".off_rate_rps", a.offRateRps(), false));
            }
            return new Source(a.meanRateRps(), false, p + ".on_rate_rps and off_rate_rps");
        }
        if (arrival instanceof ArrivalSpec.ClosedLoop a) {
            fields.add(new Field(p + ".users", a.users(), true));
            return new Source(0, true, p + ".users");
        }
        // a trace: compress its time axis
        String t = at + ".trace";
        double traceRate = scanned != null ? scanned.meanRateRps() : Double.NaN;
        if (trace.rateRps() != null) {
            fields.add(new Field(t + ".rate_rps", trace.rateRps(), false, true));
            return new Source(trace.rateRps(), false, t + ".rate_rps");
        }
        fields.add(new Field(t + ".speedup", trace.speedup() != null ? trace.speedup() : 1.0, false, true));
        return new Source(traceRate, false, t + ".speedup");
    }

    /** The {@code --set} assignments that multiply the traffic by {@code factor} (> 0). */
    public List<String> assignments(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be > 0, got " + factor);
        }
        List<String> list = new ArrayList<>();
        for (Field f : fields) {
            String value = f.integer ? Long.toString(Math.max(1, Math.round(f.value * factor)))
                    : plain(f.value * factor);
            list.add(f.path + "=" + value);
        }
        return list;
    }

    /**
     * The assignments that give one router domain of a fleet the part {@code [from, to)} of the traffic: generated
     * arrival rates multiplied by {@code to - from} (closed-loop users too, rounded, at least 1), and a replayed
     * trace's rows whose keys hash into {@code [from, to)} ({@link TraceSpec#keep()}), on the whole trace's time axis.
     * Domains whose ranges partition [0, 1) replay every row of a trace exactly once between them.
     */
    public List<String> splitAssignments(double from, double to) {
        if (!(from >= 0 && from < to && to <= 1.0 + 1e-9)) {
            throw new IllegalArgumentException("need 0 <= from < to <= 1, got [" + from + ", " + to + ")");
        }
        double share = to - from;
        List<String> list = new ArrayList<>();
        for (Field f : fields) {
            if (f.trace) {
                String trace = f.path.substring(0, f.path.lastIndexOf('.'));
                list.add(trace + ".keep={from: " + plain(from) + ", to: " + plain(Math.min(1.0, to)) + "}");
            } else {
                list.add(f.path + "=" + (f.integer ? Long.toString(Math.max(1, Math.round(f.value * share)))
                        : plain(f.value * share)));
            }
        }
        return list;
    }

    /** Whether some arrival source replays a trace. */
    public boolean replaysTrace() {
        return fields.stream().anyMatch(Field::trace);
    }

    /** The load at factor {@code factor}: requests per second, users (as rounded), or the factor. */
    public double load(double factor) {
        return switch (unit) {
            case RPS -> baseLoad * factor;
            case USERS -> fields.stream().mapToDouble(f -> Math.max(1, Math.round(f.value * factor))).sum();
            case FACTOR -> factor;
        };
    }

    /** The factor that gives {@code load} (the inverse of {@link #load}, before rounding users). */
    public double factorFor(double load) {
        return load / baseLoad;
    }

    /** The load of the scenario as written. */
    public double baseLoad() {
        return baseLoad;
    }

    public Unit unit() {
        return unit;
    }

    /** What is scaled, by path: "workload.arrival.rate_rps". */
    public String description() {
        return description;
    }

    /** A number as YAML reads it back exactly: no exponent, shortest decimal that round-trips. */
    static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
