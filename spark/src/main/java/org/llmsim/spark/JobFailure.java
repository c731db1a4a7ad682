package org.llmsim.spark;

import java.io.Serializable;
import java.util.List;

import org.llmsim.jobs.SimJob;
import org.llmsim.scenario.InputError;
import org.llmsim.scenario.InputException;

/**
 * How a job's failure travels from an executor to the driver. Spark reports a failed task as a {@code SparkException}
 * ("Job aborted due to stage failure: ...") with the task's exception as its cause only when that exception
 * serializes; this one always does (plain strings and the stack trace), so the driver can throw the job's own kind
 * of exception again with the job's own message: an {@link InputException} stays one (the command line prints it
 * as one line and exits 2), anything else becomes an exception naming the job, the original class and message.
 */
final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One {@link InputError}, as plain values ({@code InputError} itself is not serializable). */
    record Problem(String file, Integer line, String path, String message) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The input problems when the job failed on bad input, else empty. */
    private final List<Problem> problems;

    private JobFailure(String message, List<Problem> problems, StackTraceElement[] remoteStack) {
        super(message, null, false, true);
        this.problems = List.copyOf(problems);
        setStackTrace(remoteStack);
    }

    /** What {@code job} threw, made serializable. */
    static JobFailure of(SimJob job, RuntimeException e) {
        if (e instanceof InputException input) {
            List<Problem> problems = input.errors().stream()
                    .map(p -> new Problem(p.file(), p.line(), p.path(), p.message())).toList();
            return new JobFailure(input.getMessage(), problems, input.getStackTrace());
        }
        String where = job.scenario().fileName() + ", replication " + job.replication()
                + (job.isShard() ? ", domains " + job.domains() : "");
        return new JobFailure("job (" + where + ") failed: " + e, List.of(), e.getStackTrace());
    }

    /** The exception to throw on the driver: the job's {@link InputException} again, or this. */
    RuntimeException toDriverException() {
        if (problems.isEmpty()) {
            return this;
        }
        return new InputException(problems.stream()
                .map(p -> new InputError(p.file(), p.line(), p.path(), p.message())).toList());
    }
}
