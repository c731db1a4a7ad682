/**
 * Turns {@link org.llmsim.metrics.RunResult} records into files and text: {@code summary.json}
 * ({@link org.llmsim.report.SummaryJson}), {@code requests.csv} ({@link org.llmsim.report.RequestsCsvWriter}, streamed
 * while the simulation runs), the terminal table ({@link org.llmsim.report.TerminalSummary}) and the PDF report
 * ({@link org.llmsim.report.PdfReport}, JFreeChart charts drawn as vector graphics into PDFBox).
 *
 * <p>Nothing here reads simulator internals; it only formats results. {@link org.llmsim.report.OutputDirectory}
 * makes sure llmsim never overwrites a file it did not write.
 */
package org.llmsim.report;
