package org.llmsim.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.WorkloadPlan;
import org.llmsim.workload.arrival.ArrivalProcesses;
import org.llmsim.workload.trace.TraceSummary;

/**
 * Generates the requests of a workload during {@code [0, duration)}, one event per arrival (a think-time wake-up is
 * the arrival of the next request). Sources of arrivals: the workload's arrival process, shared by the classes that
 * take a share of it, and each class's own process; each is an open process, closed-loop users or a trace.
 *
 * <p>Closed-loop users and sessions need to know when a request is done: the run calls {@link #onFinal} for every
 * request whose fate is final (the metrics collector's request sink), inside the event where it became final, so the
 * follow-up is scheduled deterministically. Random streams: {@code arrivals} for the workload's process and
 * {@code class_mix} for picking classes; {@code class/<name>/...} for everything of a class (see
 * {@link RequestClass}).
 */
public final class RequestGenerator {
    private final EventScheduler clock;
    private final double durationS;
    private final List<RequestClass> classes = new ArrayList<>();
    private final List<Runnable> starts = new ArrayList<>();
    private final List<TraceSource> traces = new ArrayList<>();
    /** Who waits for each request in flight: a {@link Session} or a {@link ClosedLoopUser}. */
    private final Map<Long, Object> waiting = new HashMap<>();
    private Consumer<Request> out;
    private long nextId;
    private long nextSessionId;

    public RequestGenerator(WorkloadPlan plan, double durationS, RandomStreams streams, EventScheduler clock) {
        this.clock = clock;
        this.durationS = durationS;
        List<ClassSpec> specs = plan.classes();
        List<RequestClass> sharing = new ArrayList<>();
        Map<String, RequestClass> byName = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            ClassSpec c = specs.get(i);
            boolean traced = c.sharesWorkloadArrival() ? plan.sharedTrace() != null
                    : c.arrival() instanceof ArrivalSpec.Trace;
            RequestClass rc = new RequestClass(i, c, plan.explicitClasses(), traced, streams);
            classes.add(rc);
            if (c.sharesWorkloadArrival()) {
                sharing.add(rc);
                byName.put(c.name(), rc);
            }
        }
        if (!sharing.isEmpty()) {
            ClassPicker picker = new ClassPicker(sharing, streams.stream("class_mix"));
            addSource(plan.sharedArrival(), plan.sharedTrace(), picker, plan.explicitClasses() ? byName : Map.of(),
                    streams, "");
        }
        for (int i = 0; i < specs.size(); i++) {
            ClassSpec c = specs.get(i);
            if (!c.sharesWorkloadArrival()) {
                RequestClass rc = classes.get(i);
                addSource(c.arrival(), plan.classTraces().get(i), new ClassPicker(List.of(rc), null), Map.of(),
                        streams, "class/" + c.name() + "/");
            }
        }
    }

    private void addSource(ArrivalSpec arrival, TraceSummary trace, ClassPicker picker,
            Map<String, RequestClass> byName, RandomStreams streams, String prefix) {
        if (arrival instanceof ArrivalSpec.Trace) {
            TraceSource source = new TraceSource(this, clock, trace, picker, byName);
            traces.add(source);
            starts.add(source::start);
        } else if (arrival instanceof ArrivalSpec.ClosedLoop loop) {
            ClosedLoopSource source = new ClosedLoopSource(this, clock, picker, loop,
                    Samplers.times(loop.thinkTimeS(), streams.stream(prefix + "user_think_time")));
            starts.add(source::start);
        } else {
            OpenArrivalSource source = new OpenArrivalSource(this, clock, picker,
                    ArrivalProcesses.open(arrival, streams.stream(prefix + "arrivals")));
            starts.add(source::start);
        }
    }

    /** Schedules the first arrivals; every request generated goes to {@code out}. */
    public void start(Consumer<Request> out) {
        this.out = out;
        starts.forEach(Runnable::run);
    }

    /**
     * A request's fate became final (completed or rejected) in the current event: its session or closed-loop user
     * goes on. Requests still in flight when the run stops ({@code unfinished}) are ignored.
     */
    public void onFinal(Request r) {
        if (waiting.isEmpty() || r.status() == RequestStatus.UNFINISHED) {
            return;
        }
        Object waiter = waiting.remove(r.id());
        if (waiter == null) {
            return;
        }
        double now = clock.now();
        boolean completed = r.status() == RequestStatus.COMPLETED;
        if (waiter instanceof Session s) {
            if (completed) {
                s.answered(r.outputTokens());
                if (s.hasMoreTurns()) {
                    double t = now + s.cls.thinkS();
                    if (accepts(t)) {
                        clock.at(t, EventPriority.ARRIVAL, () -> nextTurn(s, t));
                        return;
                    }
                }
            }
            sessionOver(s, now, !completed);
        } else {
            ClosedLoopUser user = (ClosedLoopUser) waiter;
            user.source.done(user, now, !completed);
        }
    }

    /** Starts a request or a session of class {@code cls} at {@code timeS}, for {@code user} (or nobody). */
    void startWork(RequestClass cls, double timeS, ClosedLoopUser user) {
        if (cls.hasSessions()) {
            nextTurn(cls.newSession(nextSessionId++, user), timeS);
        } else {
            emit(cls.single(nextId++, timeS), user);
        }
    }

    private void nextTurn(Session s, double timeS) {
        Request r = s.nextTurn(nextId, timeS);
        if (r == null) {
            sessionOver(s, timeS, false);
            return;
        }
        nextId++;
        emit(r, s);
    }

    private void sessionOver(Session s, double nowS, boolean rejected) {
        if (s.owner != null) {
            s.owner.source.done(s.owner, nowS, rejected);
        }
    }

    /** Sends a request on, noting who waits for it (before sending: a rejection comes back at once). */
    void emit(Request r, Object waiter) {
        if (waiter != null) {
            waiting.put(r.id(), waiter);
        }
        out.accept(r);
    }

    long nextRequestId() {
        return nextId++;
    }

    /** Whether a request may arrive at {@code timeS}: arrivals stop at {@code duration_s}. */
    boolean accepts(double timeS) {
        return timeS < durationS;
    }

    /** Requests generated so far. */
    public long generated() {
        return nextId;
    }

    /** Closes the trace files still open (a run that stopped early). */
    public void close() {
        traces.forEach(TraceSource::close);
    }
}
