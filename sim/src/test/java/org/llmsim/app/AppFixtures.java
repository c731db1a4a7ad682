package org.llmsim.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Provider profiles with round prices and fixed latencies, written where a test's scenario can name them. */
final class AppFixtures {
    private AppFixtures() {
    }

    /**
     * A provider at {@code inUsd} / {@code outUsd} per million tokens (cache reads at 0.1x, writes at 1.25x for 300 s,
     * batch half price answered in 5 s), 50 ms round trip, 0.5 s to first token, 100 output tokens/s, no limits.
     * Returns the profile's absolute path, for {@code provider:}.
     */
    static String provider(Path dir, String id, double inUsd, double outUsd) {
        return provider(dir, id, inUsd, outUsd, "");
    }

    /** The same with extra profile lines (a rate limit, say). */
    static String provider(Path dir, String id, double inUsd, double outUsd, String extra) {
        String yaml = "id: " + id + "\nname: test provider " + id + "\n"
                + "input_usd_per_mtok: " + inUsd + "\n"
                + "cached_input_usd_per_mtok: " + inUsd / 10 + "\n"
                + "output_usd_per_mtok: " + outUsd + "\n"
                + "cache_write_multiplier: 1.25\ncache_ttl_s: 300\nmin_cacheable_tokens: 1024\n"
                + "batch_discount: 0.5\nbatch_completion_s: 5\n"
                + "context_window_tokens: 200000\n"
                + "latency: {network_rtt_s: 0.05, ttft_s: 0.5, output_tokens_per_s: 100}\n"
                + extra
                + "price_as_of: test\nsources: [test fixture]\n";
        try {
            Path file = dir.resolve(id + ".yaml");
            Files.writeString(file, yaml);
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
