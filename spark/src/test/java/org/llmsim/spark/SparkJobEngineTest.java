package org.llmsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.cli.Main;
import org.llmsim.jobs.EnginePointRunner;
import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobEngines;
import org.llmsim.jobs.LocalJobEngine;
import org.llmsim.jobs.ScenarioRef;
import org.llmsim.jobs.Shards;
import org.llmsim.jobs.SimJob;
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.FleetResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Grid;
import org.llmsim.planning.PointRunner;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.Sweep;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

/**
 * The spark engine in {@code local[2]} mode gives what the local engines give. One SparkContext serves the whole
 * class (starting one takes seconds); add cases as further {@code @Test} methods on {@link #spark}.
 */
class SparkJobEngineTest {
    static final Path HOME = Path.of(System.getProperty("llmsim.home", ".."));
    static final Path QUICKSTART = HOME.resolve("scenarios/quickstart.yaml");
    /** Quickstart made quick: a minute of traffic. */
    static final List<String> QUICK = List.of("duration_s=60", "warmup_s=10");
    /** 4 x 2 = 8 points; with 2 replications, 16 jobs. */
    static final Grid GRID = new Grid(List.of(Axis.parse("workload.arrival.rate_rps=2,5,10,20"),
            Axis.parse("cluster.pools[0].replicas=1,2")));
    static final int REPLICATIONS = 2;

    static SparkJobEngine spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkJobEngine.open("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static ProfileCatalog catalog() {
        return ProfileCatalog.standard(List.of());
    }

    private static Sweep.Result sweep(PointRunner runner) {
        ScenarioSource source = ScenarioSource.file(new ScenarioLoader(catalog()), QUICKSTART, QUICK);
        return Sweep.run(source, GRID, REPLICATIONS, runner);
    }

    /** Every run of every point, wall time zeroed (the one field that differs between identical runs). */
    private static List<RunResult> runs(Sweep.Result sweep) {
        List<RunResult> runs = new ArrayList<>();
        for (Sweep.PointResult p : sweep.points()) {
            for (RunResult r : p.reps().runs()) {
                runs.add(r.withSim(new RunResult.SimStats(0, r.sim().events(), r.sim().simulatedS())));
            }
        }
        return runs;
    }

    @Test
    void sweep_onSpark_givesTheRowsOfTheLocalEngineAndOfThePlainRunner() throws Exception {
        // given the same sweep on three runners
        Sweep.Result onSpark = sweep(new EnginePointRunner(spark, QUICKSTART.getParent(), catalog()));
        Sweep.Result onLocal;
        try (JobEngine local = new LocalJobEngine(2)) {
            onLocal = sweep(new EnginePointRunner(local, QUICKSTART.getParent(), catalog()));
        }
        Sweep.Result plain;
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            plain = sweep(PointRunner.on(executor));
        } finally {
            executor.shutdownNow();
        }

        // then every run of every point is the same, in the same order
        assertEquals(GRID.size(), onSpark.points().size());
        assertEquals(GRID.size() * REPLICATIONS, runs(onSpark).size());
        assertTrue(runs(onSpark).stream().allMatch(r -> r.requests().completed() > 0), "the runs simulated traffic");
        assertEquals(runs(plain), runs(onLocal));
        assertEquals(runs(plain), runs(onSpark));
        // and the engine counted one task per job (listener events arrive asynchronously: wait for them)
        spark.awaitListenerEvents();
        assertEquals(GRID.size() * REPLICATIONS, spark.finishedJobs());
    }

    @Test
    void job_withAnInvalidScenario_failsOnTheDriverAsTheSameInputException() {
        // given a job whose scenario is invalid where it runs (zero replicas)
        ScenarioRef valid = ScenarioRef.of(new ScenarioLoader(catalog()).load(QUICKSTART, QUICK),
                QUICKSTART.getParent(), catalog());
        List<String> overrides = new ArrayList<>(valid.overrides());
        overrides.add("cluster.pools[0].replicas=0");
        ScenarioRef invalid = new ScenarioRef(valid.text(), valid.fileName(), valid.baseDir(), overrides,
                valid.profileDirs());
        InputException expected = assertThrows(InputException.class, invalid::load);

        // when it runs on Spark next to a valid one
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> spark.run(List.of(SimJob.run(valid, 0), SimJob.run(invalid, 0))));

        // then the driver sees the job's own exception and message, not Spark's wrapper
        InputException input = assertInstanceOf(InputException.class, e);
        assertEquals(expected.getMessage(), input.getMessage());
        assertEquals(expected.errors(), input.errors());
    }

    @Test
    void engines_findSparkByName() {
        // the service registration: --engine spark reaches this module's factory (reusing the running context)
        try (JobEngine engine = JobEngines.open("spark", "local[2]")) {
            assertEquals("spark", engine.name());
            assertEquals("local[2]", ((SparkJobEngine) engine).master());
        }
        // and closing the reused context's engine left the context running
        assertEquals(List.of(), spark.run(List.of()));
        assertEquals(1, spark.run(List.of(SimJob.run(ScenarioRef.of(new ScenarioLoader(catalog())
                .load(QUICKSTART, QUICK), QUICKSTART.getParent(), catalog()), 0))).size());
    }

    @Test
    void sweepCommand_withEngineSpark_writesTheCsvOfTheLocalEngine(@TempDir Path tmp) throws IOException {
        // given the same sweep from the command line on each engine
        List<String> args = List.of("sweep", QUICKSTART.toString(), "--set", "duration_s=60", "--set",
                "warmup_s=10", "--vary", "workload.arrival.rate_rps=2,10", "--vary", "cluster.pools[0].replicas=1,2",
                "--replications", "2", "--no-pdf");
        Outcome local = llmsim(args, "--out", tmp.resolve("local").toString());
        Outcome onSpark = llmsim(args, "--out", tmp.resolve("spark").toString(), "--engine", "spark", "--master",
                "local[2]");

        // then both succeed and write the same rows
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, onSpark.exitCode(), onSpark.err());
        List<String> rows = Files.readAllLines(tmp.resolve("spark/sweep.csv"));
        assertEquals(5, rows.size(), "header and four points");
        assertEquals(Files.readAllLines(tmp.resolve("local/sweep.csv")), rows);
    }

    @Test
    void compareCommand_withEngineSpark_writesTheComparisonOfTheLocalEngine(@TempDir Path tmp) throws IOException {
        List<String> args = List.of("compare", QUICKSTART.toString(),
                HOME.resolve("scenarios/quickstart-l40s.yaml").toString(), "--set", "duration_s=60", "--set",
                "warmup_s=10", "--replications", "2", "--no-pdf");
        Outcome local = llmsim(args, "--out", tmp.resolve("local").toString());
        Outcome onSpark = llmsim(args, "--out", tmp.resolve("spark").toString(), "--engine", "spark", "--master",
                "local[2]");
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(0, onSpark.exitCode(), onSpark.err());
        assertEquals(Files.readAllLines(tmp.resolve("local/comparison.csv")),
                Files.readAllLines(tmp.resolve("spark/comparison.csv")));
        assertTrue(Files.exists(tmp.resolve("local/A-quickstart/requests.csv")));
        assertTrue(!Files.exists(tmp.resolve("spark/A-quickstart/requests.csv")), "the requests stay on the executors");
    }

    @Test
    void sweepCommand_withAnUnknownEngine_isBadInput(@TempDir Path tmp) {
        Outcome o = llmsim(List.of("sweep", QUICKSTART.toString(), "--vary", "workload.arrival.rate_rps=2"),
                "--out", tmp.toString(), "--engine", "flink");
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode(), o.err());
        assertTrue(o.err().contains("no engine named 'flink'") && o.err().contains("local, spark"), o.err());
    }

    @Test
    void fleet_asFourShardsOnSpark_matchesTheWholeFleet() {
        // given a fleet of six domains (uneven over four shards), two minutes of traffic
        Path file = HOME.resolve("scenarios/fleet-global-chat.yaml");
        Scenario fleet = new ScenarioLoader(catalog()).load(file, List.of("fleet.copies=6",
                "workload.arrival.rate_rps=120", "duration_s=120", "warmup_s=10"));
        ScenarioRef ref = ScenarioRef.of(fleet, file.getParent(), catalog());

        // when it runs whole on one event list, keeping every request, and as four shard jobs on Spark
        List<org.llmsim.request.Request> requests = new ArrayList<>();
        RunResult whole = new Simulation(fleet, requests::add).run();
        RunResult sharded = Shards.run(spark, fleet, ref, 4, 1).get(0);

        // then counts, tokens and dollars are exact, and so is every latency statistic (the merged histograms are
        // the whole fleet's histogram); only the wall time and the shard count differ
        assertEquals(4, FleetResult.of(sharded).shards());
        assertEquals(6, FleetResult.of(sharded).domains());
        assertEquals(whole.requests(), sharded.requests());
        assertEquals(whole.measured(), sharded.measured());
        assertEquals(whole.cost(), sharded.cost());
        assertEquals(whole.withSim(sharded.sim()).with(FleetResult.of(sharded)), sharded);
        // and the fleet's p99 TTFT is within the histogram's error (0.1%) of the exact order statistic
        double[] ttft = requests.stream()
                .filter(r -> r.status() == org.llmsim.request.RequestStatus.COMPLETED
                        && whole.window().contains(r.arrivalS()))
                .mapToDouble(org.llmsim.request.Request::ttftS).sorted().toArray();
        double exact = ttft[(int) Math.ceil(0.99 * ttft.length) - 1];
        assertEquals(exact, sharded.ttft().p99(), exact * 1e-3);
    }

    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome llmsim(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }
}
