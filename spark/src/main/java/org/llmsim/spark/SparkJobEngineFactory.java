package org.llmsim.spark;

import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobEngineFactory;

/** {@code --engine spark}, found by {@link org.llmsim.jobs.JobEngines} through {@link java.util.ServiceLoader}. */
public final class SparkJobEngineFactory implements JobEngineFactory {
    @Override
    public String name() {
        return SparkJobEngine.NAME;
    }

    @Override
    public JobEngine open(String master) {
        return SparkJobEngine.open(master);
    }
}
