package org.llmsim.autoscale;

import java.util.ArrayDeque;
import java.util.Locale;

import org.llmsim.cluster.PoolFleet;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;
import org.llmsim.request.Request;
import org.llmsim.scenario.AutoscaleSpec;

/**
 * The autoscaler of one pool: one evaluation every {@code interval_s}, never per request, in the manner of
 * Kubernetes' HorizontalPodAutoscaler:
 *
 * <pre>
 *   wanted      = ceil(signal / target)           (unchanged while within the tolerance of the current size)
 *   scale up    to wanted at once                 (each new replica serves after its cold start)
 *   scale down  to the highest wanted of the last scale_down_delay_s   (stabilization window; replicas drain)
 *   clamp       to [min_replicas, max_replicas];  with scale_to_zero, to 0 once idle for scale_down_delay_s
 * </pre>
 *
 * Evaluations stop at the first one after the arrivals end at which the pool holds no request, so the autoscaler
 * never keeps a finished run alive. Evaluations are model events (they extend the run, and the bill, to the last one).
 */
public final class Autoscaler {
    private final PoolFleet fleet;
    private final AutoscaleSpec spec;
    private final EventScheduler clock;
    private final double arrivalsEndS;
    private final ScalingSignal signal;
    /** Recommendations inside the stabilization window: time and replicas, oldest first. */
    private final ArrayDeque<double[]> recent = new ArrayDeque<>();
    private long acceptedBefore;
    private double lastBusyS;
    private long nextIndex = 1;

    public Autoscaler(PoolFleet fleet, EventScheduler clock, double arrivalsEndS) {
        this.fleet = fleet;
        this.spec = fleet.plan().spec().autoscale();
        this.clock = clock;
        this.arrivalsEndS = arrivalsEndS;
        this.signal = new ScalingSignal(spec.target().metric());
    }

    /**
     * Schedules the first evaluation, one interval from now; the replicas warm at the start count as a
     * recommendation, so that the first evaluations do not scale below them before the stabilization window passes.
     */
    public void start() {
        recent.addLast(new double[] {clock.now(), fleet.wanted()});
        scheduleNext();
    }

    /** Whether {@link #onCompleted} must see the pool's completed requests (the TTFT signal). */
    public boolean watchesCompletions() {
        return signal.watchesCompletions();
    }

    /** A request the pool completed. */
    public void onCompleted(Request r) {
        signal.onCompleted(r);
    }

    private void scheduleNext() {
        clock.at(nextIndex * spec.intervalS(), EventPriority.ITERATION, this::evaluate);
    }

    private void evaluate() {
        double now = clock.now();
        int current = fleet.wanted();
        int outstanding = fleet.outstanding();
        long accepted = fleet.accepted();
        if (outstanding > 0 || accepted != acceptedBefore) {
            lastBusyS = now;
        }
        acceptedBefore = accepted;
        ScalingSignal.Reading reading = signal.read(fleet.all(), current);
        double target = spec.target().value();
        int wanted = current;
        if (!Double.isNaN(reading.load())) {
            double ratio = current > 0 ? reading.load() / (target * current) : Double.NaN;
            boolean within = current > 0 && Math.abs(ratio - 1) <= spec.tolerance();
            wanted = within ? current : (int) Math.ceil(reading.load() / target - 1e-9);
        }
        boolean idle = spec.scaleToZero() && now - lastBusyS >= spec.scaleDownDelayS() && outstanding == 0;
        // below one replica only by scaling to zero, which waits for the pool to be idle
        int floor = idle ? 0 : Math.max(1, spec.minReplicas());
        wanted = Math.max(floor, Math.min(spec.maxReplicas(), wanted));
        recent.addLast(new double[] {now, wanted});
        while (recent.peekFirst()[0] < now - spec.scaleDownDelayS()) {
            recent.pollFirst();
        }
        String metric = spec.target().metric().yamlName();
        if (wanted > current) {
            fleet.scaleTo(wanted, ReplicaEvent.SCALE_UP, metric, reading.perReplica(), reason(reading, current));
        } else if (idle && current > 0) {
            fleet.scaleTo(0, ReplicaEvent.SCALE_TO_ZERO, metric, reading.perReplica(),
                    String.format(Locale.ROOT, "no request for %.0f s", now - lastBusyS));
        } else if (wanted < current) {
            int stable = wanted;
            for (double[] r : recent) {
                stable = Math.max(stable, (int) r[1]);
            }
            if (stable < current) {
                fleet.scaleTo(stable, ReplicaEvent.SCALE_DOWN, metric, reading.perReplica(),
                        reason(reading, current));
            }
        }
        nextIndex++;
        if (now < arrivalsEndS || fleet.outstanding() > 0) {
            scheduleNext();
        }
    }

    private String reason(ScalingSignal.Reading reading, int current) {
        return String.format(Locale.ROOT, "%s %.3g per replica over %d, target %.3g", spec.target().metric()
                .yamlName(), reading.perReplica(), current, spec.target().value());
    }
}
