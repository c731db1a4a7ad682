/**
 * The {@code llmsim} command line (picocli): {@link org.llmsim.cli.Main} and one class per subcommand. Exit codes:
 * 0 success, 2 bad input (scenario, profile, option; one message per problem, no stack trace), 1 anything else.
 * {@link org.llmsim.cli.LastResort} turns the runtime giving up (out of memory, a stack overflow), in any thread, into
 * one line with the remedy and exit code 1.
 */
package org.llmsim.cli;
