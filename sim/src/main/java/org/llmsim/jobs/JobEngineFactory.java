package org.llmsim.jobs;

/**
 * Makes an engine other than the built-in local one; implementations register through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.llmsim.jobs.JobEngineFactory}), so an engine's dependencies stay out of the core jar.
 */
public interface JobEngineFactory {
    /** The engine's name as {@code --engine} gives it: {@code spark}. */
    String name();

    /**
     * Opens the engine.
     *
     * @param master where to run, in the engine's own terms (Spark: {@code local[2]}, {@code spark://host:7077},
     *               {@code yarn}), or null for the engine's default
     */
    JobEngine open(String master);
}
