/**
 * The {@code llmsim} command line (picocli): {@link org.llmsim.cli.Main} and one class per subcommand. Exit codes:
 * 0 success, 2 bad input (scenario, profile, option; one message per problem, no stack trace), 1 anything else, 130
 * and 143 when stopped by Ctrl-C or SIGTERM ({@link org.llmsim.cli.Interruption}). Commands write their files through
 * {@link org.llmsim.cli.Outputs}: a safely named default directory and a staged run committed when complete.
 * {@link org.llmsim.cli.LastResort} turns the runtime giving up (out of memory, a stack overflow), in any thread, into
 * one line with the remedy and exit code 1, after abandoning the runs under way (their output directories stay as
 * they were).
 *
 * <p>Depends on: calibration, hardware, jobs, kernel, metrics, modelimport, passtime, planning, report, scenario, simulation, workload.trace.
 */
package org.llmsim.cli;
