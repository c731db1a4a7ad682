package org.llmsim.workload;

import java.util.List;
import java.util.Map;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.scenario.InputError;
import org.llmsim.scenario.InputException;
import org.llmsim.workload.trace.TraceException;
import org.llmsim.workload.trace.TraceReader;
import org.llmsim.workload.trace.TraceRow;
import org.llmsim.workload.trace.TraceSummary;

/**
 * Replays a trace: keeps one row read ahead and one event scheduled, at that row's arrival, so memory stays flat
 * however long the trace is. A row's class is its {@code class} column when it has one, otherwise drawn by share.
 */
final class TraceSource {
    private final RequestGenerator generator;
    private final EventScheduler clock;
    private final TraceSummary trace;
    private final ClassPicker classes;
    private final Map<String, RequestClass> byName;
    private final TraceRow row = new TraceRow();
    private TraceReader reader;

    /**
     * @param byName classes a row may name in its class column (empty: the column is ignored)
     */
    TraceSource(RequestGenerator generator, EventScheduler clock, TraceSummary trace, ClassPicker classes,
            Map<String, RequestClass> byName) {
        this.generator = generator;
        this.clock = clock;
        this.trace = trace;
        this.classes = classes;
        this.byName = byName;
    }

    void start() {
        reader = trace.open();
        advance();
    }

    /** Reads up to the next row to replay and schedules its arrival; closes the file at the end. */
    private void advance() {
        try {
            while (reader.next(row)) {
                if (row.traceTimeS < trace.startS() || row.inputTokens == 0 || row.outputTokens == 0
                        || !trace.keeps(row)) {
                    continue;
                }
                double t = trace.arrivalS(row.traceTimeS);
                if (!generator.accepts(t)) {
                    break;
                }
                clock.at(Math.max(t, clock.now()), EventPriority.ARRIVAL, this::arrive);
                return;
            }
        } catch (TraceException e) {
            close();
            throw new InputException(List.of(new InputError(e.file(), (int) Math.min(Integer.MAX_VALUE, e.line()),
                    null, e.getMessage())));
        }
        close();
    }

    private void arrive() {
        RequestClass cls = row.className != null && !byName.isEmpty() ? byName.get(row.className) : null;
        if (cls == null) {
            cls = classes.pick();
        }
        generator.emit(cls.fromTrace(generator.nextRequestId(), clock.now(), row), null);
        advance();
    }

    void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
