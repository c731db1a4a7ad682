/**
 * Units of work and the engines that run them, so that sweeps, replications and the shards of a fleet can spread
 * over the cores of one machine or the executors of a cluster.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.jobs.SimJob} - one self-contained unit: a scenario (its file text, overrides and the
 *       directories its references resolve against), a replication index and optionally the fleet domains of a
 *       shard in; a {@link org.llmsim.jobs.JobResult} out. Serializable, so it can be shipped to another JVM.</li>
 *   <li>{@link org.llmsim.jobs.JobEngine} - runs a list of jobs and returns their results in job order.
 *       {@link org.llmsim.jobs.LocalJobEngine} is a thread pool over the cores; other engines (Apache Spark, in the
 *       separate {@code llmsim-spark} module) are found by name through {@link org.llmsim.jobs.JobEngines}.</li>
 *   <li>{@link org.llmsim.jobs.Shards} - splits a fleet's router domains into shard jobs and merges what they
 *       measured ({@link org.llmsim.metrics.FleetMerge}).</li>
 *   <li>{@link org.llmsim.jobs.EnginePointRunner} - the planning searches (sweep, capacity, plan) on any engine.</li>
 * </ul>
 *
 * <p>Every job is deterministic: the same job gives the same result on any engine, so an engine changes how fast
 * results come, never what they are.
 *
 * <p>Depends on: kernel, metrics, planning, scenario, simulation.
 */
package org.llmsim.jobs;
