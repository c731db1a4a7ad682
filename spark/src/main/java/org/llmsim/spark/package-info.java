/**
 * The {@code spark} job engine: llmsim's self-contained jobs (sweep points, replications, fleet shards) run as Spark
 * tasks, one per job, locally ({@code local[2]}) or on any cluster {@code spark-submit} reaches. This module is the
 * only place Spark is a dependency, so the core jar stays free of it.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.spark.SparkJobEngine} - the {@link org.llmsim.jobs.JobEngine}: parallelize, run, collect
 *       in job order; failures come back as the job's own exception.</li>
 *   <li>{@link org.llmsim.spark.SparkJobEngineFactory} - registered in
 *       {@code META-INF/services/org.llmsim.jobs.JobEngineFactory}, so {@code --engine spark} finds it whenever this
 *       module is on the classpath.</li>
 * </ul>
 * The assembled jar ({@code spark/target/llmsim-spark.jar}) has the llmsim command line as its main class; Spark and
 * Scala are left out of it, since {@code spark-submit} provides them.
 *
 * <p>Depends on: cli, jobs, scenario.
 */
package org.llmsim.spark;
