package org.llmsim.metrics;

import java.io.Serializable;

/**
 * One router domain of a fleet as simulated: an ordinary run of a copy of the scenario's cluster fed its share of
 * the traffic under its own seed. Serializable, so domains may be simulated on other machines and merged here.
 *
 * @param domain domain name
 * @param share  its share of the fleet's traffic, in (0, 1]
 * @param result its run's result (no application layer)
 */
public record DomainRun(String domain, double share, RunResult result) implements Serializable {
}
