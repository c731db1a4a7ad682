package org.llmsim.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.cluster.Cluster;
import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.kernel.DsolKernel;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.metrics.LatencyHistogram;
import org.llmsim.request.Request;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.scenario.ClusterSpec;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.scenario.ScenarioSpec;
import org.llmsim.scenario.WorkloadSpec;
import org.llmsim.workload.arrival.InterarrivalSampler;
import org.llmsim.workload.LengthSampler;
import org.llmsim.workload.Samplers;

/**
 * Simulates a {@link ServeBenchmark}: builds its pool as a scenario would, then plays the benchmark client against
 * it. Request {@code i} becomes ready at the {@code i}-th arrival of the rate process (all at time 0 for an infinite
 * rate) and is sent as soon as fewer than {@code max_concurrency} requests are in flight, in order; a slot freed by a
 * finished request is refilled at once. This is how {@code vllm bench serve} paces requests, and with an infinite rate
 * and a concurrency limit it is a closed loop.
 *
 * <p>Lengths and gaps come from their own named random streams of the load's seed, so the same benchmark always
 * sends the same requests whatever the profile: fitting compares profiles on identical traffic.
 */
public final class BenchmarkRun {
    /** Simulated time after which a benchmark is cut off; requests still in flight then count as failed. */
    static final double HORIZON_S = 7 * 24 * 3600.0;

    private final ProfileCatalog catalog;
    private final Path baseDir;

    /**
     * @param catalog where the deployment's GPU and model profiles are found
     * @param baseDir directory that relative profile paths in the deployment are resolved against (may be null)
     */
    public BenchmarkRun(ProfileCatalog catalog, Path baseDir) {
        this.catalog = catalog;
        this.baseDir = baseDir;
    }

    /** The deployment as a one-pool scenario, validated and sized (KV capacity, token budget). */
    public Scenario scenario(ServeBenchmark benchmark, String name) {
        BenchmarkLoad load = benchmark.load();
        // The arrival process of the scenario is not used (the client below sends the requests); the lengths size
        // the pool's token budget and output cap as they would in a scenario.
        WorkloadSpec workload = new WorkloadSpec(new ArrivalSpec.Poisson(1.0), load.inputTokens(),
                load.outputTokens(), null);
        ScenarioSpec spec = new ScenarioSpec(name, benchmark.describe(), load.seed(), 1.0, 0.0, null, workload,
                new ClusterSpec(null, List.of(benchmark.deployment())));
        return new ScenarioLoader(catalog).resolve(spec, name, baseDir);
    }

    /** Runs the benchmark and summarises it. */
    public BenchmarkStats run(ServeBenchmark benchmark) {
        return run(benchmark, scenario(benchmark, "benchmark"));
    }

    /** Runs the benchmark on an already resolved scenario of its deployment. */
    public BenchmarkStats run(ServeBenchmark benchmark, Scenario scenario) {
        BenchmarkLoad load = benchmark.load();
        RandomStreams streams = new RandomStreams(load.seed());
        DsolKernel kernel = new DsolKernel();
        Client client = new Client(load, streams, kernel);
        client.cluster = Cluster.build(scenario, kernel, streams, client);
        kernel.run(HORIZON_S, client::start);
        int failed = load.numPrompts() - client.completed.size();
        return BenchmarkStats.of(client.completed, failed, client.lastFinishS, client.itl.summary().p50())
                .withGpuJoules(gpuJoules(scenario, client));
    }

    /** The passes' energy, plus idle power over the rest of each replica's time up to the last response. */
    private static double gpuJoules(Scenario scenario, Client client) {
        var pool = scenario.pools().get(0);
        if (!pool.hardware().gpu().hasPower()) {
            return Double.NaN;
        }
        double idleS = Math.max(0, pool.replicas() * client.lastFinishS - client.busyS);
        return client.passJ + pool.hardware().gpu().idleWOrDefault() * pool.hardware().gpus() * idleS;
    }

    /** The benchmark client: paces requests and listens to the replicas for completions. */
    private static final class Client implements EngineListener {
        private final DsolKernel kernel;
        private final int numPrompts;
        private final Integer maxConcurrency;
        private final boolean infiniteRate;
        private final InterarrivalSampler gaps;
        private final LengthSampler inputTokens;
        private final LengthSampler outputTokens;
        private final List<Request> completed = new ArrayList<>();
        private final LatencyHistogram itl = new LatencyHistogram();
        private Cluster cluster;
        private int ready;
        private int sent;
        private int inFlight;
        private double lastFinishS;
        /** Joules of all passes (all GPUs of their replica) and their summed time. */
        private double passJ;
        private double busyS;

        Client(BenchmarkLoad load, RandomStreams streams, DsolKernel kernel) {
            this.kernel = kernel;
            this.numPrompts = load.numPrompts();
            this.maxConcurrency = load.maxConcurrency();
            this.infiniteRate = load.infiniteRate();
            this.inputTokens = Samplers.lengths(load.inputTokens(), streams.stream("input_tokens"));
            this.outputTokens = Samplers.lengths(load.outputTokens(), streams.stream("output_tokens"));
            if (infiniteRate) {
                this.gaps = null;
            } else {
                // Gamma gaps with shape = burstiness have coefficient of variation 1/sqrt(burstiness).
                ArrivalSpec arrival = load.burstiness() == 1.0 ? new ArrivalSpec.Poisson(load.requestRateRps())
                        : new ArrivalSpec.Gamma(load.requestRateRps(), 1 / Math.sqrt(load.burstiness()));
                this.gaps = InterarrivalSampler.of(arrival, streams.stream("arrivals"));
            }
        }

        void start() {
            if (infiniteRate) {
                ready = numPrompts;
                sendWhatFits();
            } else {
                becomeReady();
            }
        }

        /** The next request of the rate process is due now; the first is due at time 0. */
        private void becomeReady() {
            ready++;
            sendWhatFits();
            if (ready < numPrompts) {
                double nextS = kernel.now() + gaps.nextGapS();
                kernel.at(nextS, EventPriority.ARRIVAL, this::becomeReady);
            }
        }

        private void sendWhatFits() {
            while (sent < ready && (maxConcurrency == null || inFlight < maxConcurrency)) {
                Request r = new Request(sent++, kernel.now(), inputTokens.sample(), outputTokens.sample());
                inFlight++;
                cluster.submit(r);
            }
        }

        private void done() {
            inFlight--;
            if (sent < ready) {
                // Refill the slot as a separate event, so that a replica finishing its pass is not re-entered.
                kernel.at(kernel.now(), EventPriority.ARRIVAL, this::sendWhatFits);
            }
        }

        @Override
        public void onFinished(Request request, double timeS) {
            completed.add(request);
            lastFinishS = Math.max(lastFinishS, timeS);
            done();
        }

        @Override
        public void onRejected(Request request, double timeS) {
            done();
        }

        @Override
        public void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceFull) {
        }

        @Override
        public void onTokenGaps(double gapS, long count) {
            itl.record(gapS, count);
        }

        @Override
        public void onIteration(int replica, double startS, double endS, int sequences, long newTokens,
                int outputTokens, int usedBlocks, int totalBlocks) {
        }

        @Override
        public void onPassPower(int replica, double startS, double endS, double watts) {
            passJ += watts * (endS - startS);
            busyS += endS - startS;
        }
    }
}
