/**
 * Request generators: arrival processes and token-length distributions, each drawing from its own random stream.
 *
 * <p>Read first: {@link org.llmsim.workload.RequestGenerator} (one event per arrival, each scheduling the next),
 * {@link org.llmsim.workload.Samplers} (scenario distributions to samplers over Commons Math).
 */
package org.llmsim.workload;
