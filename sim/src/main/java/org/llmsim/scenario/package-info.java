/**
 * Scenario and profile files: records that mirror them, strict loading with line-accurate errors, {@code --set}
 * overrides, and validation.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.scenario.ScenarioLoader} - file to validated {@link org.llmsim.scenario.Scenario}.</li>
 *   <li>{@link org.llmsim.scenario.ScenarioSpec} and the records it holds ({@code WorkloadSpec}, {@code ClusterSpec},
 *       {@code PoolSpec}, ...) - one record per block of the file; defaults live in their compact constructors.</li>
 *   <li>{@link org.llmsim.scenario.ProfileCatalog} - finds GPU, model and provider profiles and price
 *       catalog entries by id or path;
 *       {@link org.llmsim.scenario.CarbonRegions} the grid carbon intensity of a cloud region, which
 *       {@link org.llmsim.scenario.EnergySpec} ({@code economics.energy}) may name.</li>
 *   <li>{@link org.llmsim.scenario.PricingSpec} - how a pool is paid for, resolved into an
 *       {@link org.llmsim.pricing.PoolPricing} by {@link org.llmsim.scenario.PoolPrices}.</li>
 *   <li>{@link org.llmsim.scenario.InputFiles} - reads a user's file with a size limit checked before parsing;
 *       {@link org.llmsim.scenario.RunSize} - refuses, before it starts, a run too big to finish (requests, clock
 *       events, replicas, durations beyond a year).</li>
 * </ul>
 * Every problem becomes an {@link org.llmsim.scenario.InputException}: one line per error,
 * {@code file:line: field.path: what is wrong and what is allowed}. Unknown fields are errors. A file's problems are
 * reported together: {@link org.llmsim.scenario.StrictYaml} binds around the fields it refuses (unknown, of the wrong
 * type or shape, {@code .nan}), and validation of the rest adds its own ({@link org.llmsim.scenario.Problems}).
 *
 * <p>Depends on: engine, hardware, kernel, modelimport, pricing, workload.trace.
 */
package org.llmsim.scenario;
