/**
 * Autoscaling of GPU pools: one {@link org.llmsim.autoscale.Autoscaler} per pool with an {@code autoscale:} block
 * evaluates a load signal ({@link org.llmsim.autoscale.ScalingSignal}: queue length, concurrency, KV utilization or
 * p95 TTFT) once per interval, never per request, and asks the pool's {@link org.llmsim.cluster.PoolFleet} for the
 * replicas the HorizontalPodAutoscaler rule gives: up at once, down after a stabilization window, to zero when idle.
 * The fleet owns what scaling means for replicas (cold starts, drains, the provisioned-time integral the bill is
 * made of); this package only decides when and how far.
 *
 * <p>Depends on: cluster, engine, kernel, metrics, request, scenario.
 */
package org.llmsim.autoscale;
