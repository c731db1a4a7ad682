package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.testing.TestScenarios;

/**
 * The shipped GPU profiles: every one loads, the datasheet peaks of the GPUs added with FP4 and fabric-domain support
 * are the published ones, and values a profile borrows from a sibling ({@code transferred_from}) are the sibling's.
 */
class GpuCatalogTest {
    private static final ProfileCatalog CATALOG = TestScenarios.catalog();

    /** memory GB, HBM TB/s, BF16, FP8, FP4 (TFLOP/s, dense), INT8 TOP/s, scale-up Gbit/s per direction, domain. */
    private record Datasheet(double memoryGb, double tbps, double bf16, Double fp8, Double fp4, Double int8,
            double linkGbps, int domain) {
    }

    private static final Map<String, Datasheet> DATASHEETS = Map.of(
            // ai-dynamo/aiconfigurator systems/h800_sxm.yaml@77f0282: H100's compute and HBM, NVLink 200 GB/s
            "h800", new Datasheet(80, 3.35, 989, 1979.0, null, 1979.0, 200 * 8, 8),
            // https://willitrunai.com/es/gpus/h20-96gb and aiconfigurator systems/h20_sxm.yaml@1641793: NVLink 450 GB/s
            "h20", new Datasheet(96, 4.0, 148, 296.0, null, 296.0, 450 * 8, 8),
            // stas00/ml-engineering compute/accelerator/README.md@744d01e1 (GB200 per chip); NVL72: 72 GPUs, 900 GB/s
            "gb200", new Datasheet(186, 8.0, 2500, 5000.0, 10000.0, 5000.0, 900 * 8, 72),
            // aiconfigurator systems/b300_sxm.yaml@095f58a: sparse / 2; FP4 14 PF dense; INT8 307 TOPS sparse / 2
            "b300", new Datasheet(288, 7.75, 2250, 4500.0, 14000.0, 153.5, 900 * 8, 8),
            // https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html: MI300X's compute, 6 TB/s
            "mi325x", new Datasheet(256, 6.0, 1307, 2615.0, null, 2615.0, 7 * 64 * 8, 8),
            // https://www.amd.com/en/products/accelerators/instinct/mi350/mi355x.html: dense, MXFP4 10.1 PF; 7 x 76.5
            // GB/s Infinity Fabric
            "mi355x", new Datasheet(288, 8.0, 2500, 5000.0, 10100.0, 5000.0, 7 * 76.5 * 8, 8),
            // https://www.nvidia.com/en-us/data-center/l4/ (sparse 242/485 halved); PCIe Gen4 x16
            "l4", new Datasheet(24, 0.3, 121, 242.0, null, 242.0, 252, 8),
            // https://www.nvidia.com/en-us/data-center/products/a10-gpu/ (the A10's: no A10G datasheet); PCIe Gen4 x16
            "a10g", new Datasheet(24, 0.6, 125, null, null, 250.0, 252, 8),
            // https://www.nvidia.com/en-us/data-center/rtx-pro-6000-blackwell-server-edition/: 4000 sparse FP4 TOPS
            "rtx-pro-6000", new Datasheet(96, 1.792, 500, 1000.0, 2000.0, 1000.0, 504, 8));

    @Test
    void everyShippedGpuProfileLoads_withinPhysics() {
        List<GpuProfile> gpus = CATALOG.allGpus();
        assertEquals(15, gpus.size(), gpus.stream().map(GpuProfile::id).toList().toString());
        for (GpuProfile g : gpus) {
            assertTrue(g.computeEfficiency() > 0 && g.computeEfficiency() <= 1, g.id());
            assertTrue(g.memoryEfficiency() > 0 && g.memoryEfficiency() <= 1, g.id());
            assertTrue(g.nvlinkDomainGpus() != null && g.gpusPerNode() != null, g.id() + " gives its topology");
            // no format runs slower than BF16's peak, and FP4 only where FP8 is at least as fast as BF16
            if (g.fp4Tflops() != null) {
                assertTrue(g.fp4Tflops() >= g.fp8Tflops() && g.fp8Tflops() >= g.bf16Tflops(), g.id());
            }
        }
    }

    @Test
    void newGpus_carryTheirDatasheetPeaks() {
        for (Map.Entry<String, Datasheet> e : DATASHEETS.entrySet()) {
            GpuProfile g = CATALOG.gpu(e.getKey(), null, "test", "gpu");
            Datasheet d = e.getValue();
            String id = e.getKey();
            assertEquals(d.memoryGb(), g.memoryGb(), 0.0, id);
            assertEquals(d.tbps(), g.hbmBandwidthTbps(), 0.0, id);
            assertEquals(d.bf16(), g.bf16Tflops(), 0.0, id);
            assertEquals(d.fp8(), g.fp8Tflops(), id);
            assertEquals(d.fp4(), g.fp4Tflops(), id);
            assertEquals(d.int8(), g.int8Tops(), id);
            assertEquals(d.linkGbps(), g.interconnectGbps(), 0.0, id);
            assertEquals(d.domain(), g.nvlinkDomainGpusOrDefault(), id);
        }
    }

    @Test
    void transferredValues_areTheSiblingsOwn() {
        Map<String, Function<GpuProfile, Object>> fields = Map.of(
                "compute_efficiency", GpuProfile::computeEfficiency,
                "memory_efficiency", GpuProfile::memoryEfficiency,
                "iteration_overhead_s", GpuProfile::iterationOverheadS,
                "per_sequence_overhead_s", GpuProfile::perSequenceOverheadS,
                "runtime_reserve_gb", GpuProfile::runtimeReserveGb,
                "interconnect_latency_us", GpuProfile::interconnectLatencyUs,
                "network_latency_us", GpuProfile::networkLatencyUs,
                "pcie_efficiency", GpuProfile::pcieEfficiency,
                "roofline_knee", GpuProfile::rooflineKnee,
                "attention", GpuProfile::attention);
        List<String> checked = new ArrayList<>();
        for (GpuProfile g : CATALOG.allGpus()) {
            if (!g.hasTransferredValues()) {
                continue;
            }
            GpuProfile sibling = CATALOG.gpu(g.transferredFrom(), null, "test", "transferred_from");
            assertNull(sibling.transferredFrom(), "values are transferred from measured profiles only: " + g.id());
            for (String field : g.transferred()) {
                Function<GpuProfile, Object> get = fields.get(field);
                if (get != null) {
                    assertTrue(Objects.equals(get.apply(sibling), get.apply(g)), g.id() + "." + field + " differs from "
                            + sibling.id() + "'s");
                    checked.add(g.id() + "." + field);
                }
            }
            // every transferred profile names its donor in its sources
            assertTrue(g.sources().stream().anyMatch(s -> s.contains("transferred from " + sibling.id())), g.id());
        }
        assertTrue(checked.size() > 40, checked.toString());
    }

    @Test
    void newFields_areValidated(@TempDir Path dir) throws IOException {
        String l4 = Files.readString(TestScenarios.home().resolve("gpu-profiles/gpus/l4.yaml")).replace("id: l4",
                "id: bad-gpu");
        Files.createDirectories(dir.resolve("gpus"));
        Path file = dir.resolve("gpus/bad-gpu.yaml");
        Files.writeString(file, l4.replace("nvlink_domain_gpus: 8", "nvlink_domain_gpus: 0")
                .replace("gpus_per_node: 8", "gpus_per_node: -2")
                .replace("price_usd_per_hour:", "fp4_tflops: 0\nprice_usd_per_hour:")
                .replace("transferred: [compute_efficiency,", "transferred: [bf16_tflops, compute_efficiency,"));
        InputException e = assertThrows(InputException.class,
                () -> new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu"));
        String m = e.getMessage();
        assertTrue(m.contains("nvlink_domain_gpus: must be >= 1, got 0"), m);
        assertTrue(m.contains("gpus_per_node: must be >= 1, got -2"), m);
        assertTrue(m.contains("fp4_tflops: must be > 0"), m);
        assertTrue(m.contains("transferred: 'bf16_tflops' cannot be transferred; allowed: allreduce, attention"), m);

        // a list of transferred fields without the profile they come from, and the reverse
        Files.writeString(file, l4.replace("transferred_from: l40s\n", ""));
        m = assertThrows(InputException.class,
                () -> new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu")).getMessage();
        assertTrue(m.contains("transferred_from: must name the GPU profile the transferred fields come from"), m);
        Files.writeString(file, l4.substring(0, l4.indexOf("transferred: [")) + l4.substring(l4.indexOf("sources:")));
        m = assertThrows(InputException.class,
                () -> new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu")).getMessage();
        assertTrue(m.contains("transferred: must list the fields taken from l40s"), m);

        // without the new optional fields a profile loads, with an HGX-sized domain and node
        Files.writeString(file, l4.replace("nvlink_domain_gpus: 8", "").replace("gpus_per_node: 8", ""));
        GpuProfile plain = new ProfileCatalog(List.of(dir)).gpu("bad-gpu", null, "test", "gpu");
        assertNotNull(plain);
        assertEquals(8, plain.nvlinkDomainGpusOrDefault());
        assertEquals(8, plain.gpusPerNodeOrDefault());
    }
}
