/**
 * Turns {@link org.llmsim.metrics.RunResult} records into files and text: {@code summary.json}
 * ({@link org.llmsim.report.SummaryJson}), {@code requests.csv} ({@link org.llmsim.report.RequestsCsvWriter}, streamed
 * while the simulation runs), {@code timeseries.csv}, {@code replications.csv}, the terminal table
 * ({@link org.llmsim.report.TerminalSummary}) and the PDF report ({@link org.llmsim.report.PdfReport}, JFreeChart
 * charts built by {@link org.llmsim.report.RunCharts} in the style of {@link org.llmsim.report.Charts}, drawn as
 * vector graphics into PDFBox by {@link org.llmsim.report.PdfDocumentBuilder}).
 *
 * <p>Every JSON file (summary, comparison, sweep, capacity, plan, vllm bench) is built with
 * {@link org.llmsim.report.Json}: one node factory, NaN and infinities as {@code null}, one key set for latency
 * summaries and estimates, one indented rendering.
 *
 * <p>Comparisons: {@link org.llmsim.report.Comparison} (scenarios under the same seeds against the first),
 * {@link org.llmsim.report.Verdicts} (one sentence per SLO), and its outputs {@code comparison.json},
 * {@code comparison.csv}, {@code comparison.pdf} and the terminal table; {@link org.llmsim.report.PricingAlternatives}
 * prices each compared fleet under every kind of GPU pricing from the price catalog, with the break-even utilisations.
 * The run report's energy page is {@link org.llmsim.report.EnergyPage}.
 *
 * <p>Nothing here reads simulator internals; it only formats results. {@link org.llmsim.report.OutputDirectory}
 * makes sure llmsim never overwrites a file it did not write nor writes through a link;
 * {@link org.llmsim.report.StagedRun} moves a run's files into it only when all are complete (the previous run's
 * otherwise stay as they were); {@link org.llmsim.report.SafeName} turns scenario names into directory names that stay
 * under {@code out/}.
 *
 * <p>Depends on: kernel, metrics, passtime, planning, pricing, request, scenario.
 */
package org.llmsim.report;
