package org.llmsim.scenario;

/**
 * One problem in a user's input: the file, the line (when known), the field path and what is wrong and allowed.
 * Printed as {@code file:line: path: message}.
 */
public record InputError(String file, Integer line, String path, String message) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (line != null) {
                b.append(':').append(line);
            }
            b.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
