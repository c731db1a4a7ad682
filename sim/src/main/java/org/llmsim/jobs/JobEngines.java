package org.llmsim.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.llmsim.scenario.InputException;

/** Finds an engine by the name {@code --engine} gives: {@code local}, built in, or one registered on the classpath. */
public final class JobEngines {
    private JobEngines() {
    }

    /**
     * Opens the engine {@code name}.
     *
     * @param master where the engine runs, in its own terms, or null for its default ({@code local} takes none)
     * @throws InputException naming the engines available when there is none of that name
     */
    public static JobEngine open(String name, String master) {
        JobEngineFactory factory = check(name, master);
        return factory == null ? new LocalJobEngine() : factory.open(master);
    }

    /**
     * Checks that the engine {@code name} is here, without opening it (a cluster engine connects when opened).
     *
     * @return its factory, or null for the built-in local engine
     * @throws InputException naming the engines available when there is none of that name
     */
    public static JobEngineFactory check(String name, String master) {
        if (LocalJobEngine.NAME.equals(name)) {
            if (master != null) {
                throw new InputException("llmsim", "--master is for a cluster engine such as --engine spark; the "
                        + "local engine runs on this machine's cores");
            }
            return null;
        }
        List<String> names = new ArrayList<>(List.of(LocalJobEngine.NAME));
        for (JobEngineFactory f : ServiceLoader.load(JobEngineFactory.class)) {
            if (f.name().equals(name)) {
                return f;
            }
            names.add(f.name());
        }
        String hint = "spark".equals(name) ? " (the spark engine lives in the llmsim-spark jar: run "
                + "'./llmsim ... --engine spark', or spark-submit spark/target/llmsim-spark.jar; see the README)" : "";
        throw new InputException("llmsim", "--engine: no engine named '" + name + "' here; available: "
                + String.join(", ", names) + hint);
    }
}
