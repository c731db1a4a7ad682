package org.llmsim.spark;

import java.util.List;
import java.util.UUID;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.api.java.JavaSparkContext;
import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobResult;
import org.llmsim.jobs.SimJob;

/**
 * Runs llmsim's jobs as one Spark job each batch: one partition, hence one task, per {@link SimJob}, so a slow job
 * holds up only its own executor slot; the results come back to the driver with Java serialization, in job order.
 *
 * <p>The engine reuses the SparkContext that is already running in this JVM (an application that embeds llmsim),
 * else creates one from the {@code spark.*} system properties {@code spark-submit} sets, the {@code master} given,
 * or {@code local[*]}; it stops only a context it created.
 */
public final class SparkJobEngine implements JobEngine {
    public static final String NAME = "spark";
    /** The application name Spark's UI and logs show. */
    static final String APP_NAME = "llmsim";

    private final SparkContext context;
    private final JavaSparkContext spark;
    private final boolean created;
    private final TaskCounter counter = new TaskCounter();
    private volatile int total;

    private SparkJobEngine(SparkContext context, boolean created) {
        this.context = context;
        this.spark = JavaSparkContext.fromSparkContext(context);
        this.created = created;
        context.addSparkListener(counter);
    }

    /**
     * Connects to Spark.
     *
     * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}), or null for
     *               the one {@code spark-submit} set, else {@code local[*]}; ignored when a context is running already
     */
    public static SparkJobEngine open(String master) {
        // getActive is Scala-private to Spark but public in bytecode; it is how SparkSession finds a running context
        scala.Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return new SparkJobEngine(active.get(), false);
        }
        return new SparkJobEngine(new SparkContext(conf(master)), true);
    }

    /** The configuration of a context this engine creates: spark-submit's properties, then ours where unset. */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        // spark-submit names the application after its main class unless given --name
        String name = conf.get("spark.app.name", "");
        if (name.isEmpty() || name.equals("org.llmsim.cli.Main")) {
            conf.setAppName(APP_NAME);
        }
        if (conf.get("spark.master").startsWith("local")) {
            // a command-line run on this machine: no web UI to start (it takes a second and a port)
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The Spark master this engine runs on, e.g. {@code local[2]}. */
    public String master() {
        return context.master();
    }

    @Override
    public List<JobResult> run(List<SimJob> jobs) {
        String group = "llmsim-" + UUID.randomUUID();
        counter.reset(group);
        total = jobs.size();
        if (jobs.isEmpty()) {
            return List.of();
        }
        spark.setJobGroup(group, "llmsim: " + jobs.size() + " simulation jobs", false);
        try {
            // parallelize slices a list of n elements into n partitions of exactly one each, in order
            return List.copyOf(spark.parallelize(jobs, jobs.size()).map(SparkJobEngine::runOnExecutor).collect());
        } catch (Exception e) { // Scala throws the checked SparkException undeclared
            throw unwrap(e);
        } finally {
            spark.clearJobGroup();
        }
    }

    /** The task: runs one job; a failure leaves the executor in a form the driver can read back. */
    private static JobResult runOnExecutor(SimJob job) {
        try {
            return job.run();
        } catch (RuntimeException e) {
            throw JobFailure.of(job, e);
        }
    }

    /**
     * The job's own failure when Spark's exception carries it (a task failure), else Spark's exception itself
     * (an executor lost, a class missing on the cluster) with its first line as the message.
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobFailure failure) {
                return failure.toDriverException();
            }
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return new IllegalStateException("spark: " + (newline < 0 ? message : message.substring(0, newline)), e);
    }

    @Override
    public int finishedJobs() {
        return counter.finished();
    }

    @Override
    public int totalJobs() {
        return total;
    }

    /** Waits until Spark has delivered every listener event so far (tests read {@link #finishedJobs} after it). */
    void awaitListenerEvents() {
        try {
            context.listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.removeSparkListener(counter);
        if (created) {
            context.stop();
        }
    }
}
