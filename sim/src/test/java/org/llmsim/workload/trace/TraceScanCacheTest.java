package org.llmsim.workload.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered scans, and the one-pass scan of a fleet's slices, equal fresh scans of the same file and settings. */
class TraceScanCacheTest {
    private static TraceSummary scan(Path file, double from, double to) {
        return TraceScanner.scan(file, "t.csv", TraceFormat.CSV, Map.of(), 0, 2.0, null, null, false, from, to);
    }

    @Test
    void aScanIsRemembered_andOnePassOverSlicesGivesEachSlicesOwnScan(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("t.csv");
        SyntheticTraces.write(file, 5_000, "csv", 10, 3, 1.0);
        double[] bounds = {0, 0.3, 0.7, 1.0};

        TraceScanner.forget();
        TraceScanner.prescan(file, "t.csv", TraceFormat.CSV, Map.of(), 0, 2.0, null, null, false, bounds);
        TraceSummary[] sliced = new TraceSummary[3];
        long rows = 0;
        for (int i = 0; i < 3; i++) {
            sliced[i] = scan(file, bounds[i], bounds[i + 1]);
            assertSame(sliced[i], scan(file, bounds[i], bounds[i + 1]), "remembered");
            rows += sliced[i].rows();
        }
        TraceScanner.forget();
        assertEquals(scan(file, 0, 1).rows(), rows, "the slices partition the rows");
        for (int i = 0; i < 3; i++) {
            TraceSummary fresh = scan(file, bounds[i], bounds[i + 1]);
            assertNotSame(sliced[i], fresh);
            assertEquals(fresh, sliced[i], "slice " + i);
        }
    }
}
