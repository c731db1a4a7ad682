package org.llmsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad user input (scenario, profile, trace or command-line value). The command line prints {@link #getMessage()},
 * one line per error, and exits with code 2, without a stack trace.
 */
public final class InputException extends RuntimeException {
    private final List<InputError> errors;

    public InputException(List<InputError> errors) {
        super(errors.stream().map(InputError::toString).collect(Collectors.joining("\n")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InputException(String file, String message) {
        this(List.of(new InputError(file, null, null, message)));
    }

    public List<InputError> errors() {
        return errors;
    }
}
