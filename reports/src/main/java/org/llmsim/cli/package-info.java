/**
 * The {@code llmsim} command line (picocli): {@link org.llmsim.cli.Main} and one class per subcommand. Exit codes:
 * 0 success, 2 bad input (scenario, profile, option; one message per problem, no stack trace), 1 anything else.
 */
package org.llmsim.cli;
