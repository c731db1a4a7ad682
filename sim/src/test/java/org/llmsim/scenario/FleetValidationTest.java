package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** A broken fleet block gets one clear message naming the field (and the domain). */
class FleetValidationTest {
    static final String BASE = """
            name: regions
            seed: 5
            duration_s: 60
            workload:
              arrival: {process: poisson, rate_rps: 30}
              input_tokens: {dist: fixed, value: 500}
              output_tokens: {dist: fixed, value: 100}
            cluster:
              pools:
                - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}
            fleet:
              domains:
                - {name: us-east, share: 0.5}
                - {name: eu-west, share: 0.3, set: ["cluster.pools[0].replicas=1"]}
                - {name: ap-south, share: 0.2, set: ["cluster.pools[0].gpu=l40s"]}
            """;

    private static String error(String yaml, String... overrides) {
        return assertThrows(InputException.class, () -> TestScenarios.load(yaml, overrides)).getMessage();
    }

    @Test
    void listedDomainsTakeTheirShareAndTheirOwnAssignments() {
        String yaml = BASE.replace("cluster.pools[0].gpu=l40s", "cluster.pools[0].replicas=3");
        FleetPlan plan = TestScenarios.load(yaml).fleet();
        assertEquals(3, plan.size());
        assertEquals(15.0, ((ArrivalSpec.Poisson) plan.domain(0).scenario().spec().workload().arrival()).rateRps(),
                1e-9);
        assertEquals(9.0, ((ArrivalSpec.Poisson) plan.domain(1).scenario().spec().workload().arrival()).rateRps(),
                1e-9);
        assertEquals(2, plan.domain(0).scenario().pools().get(0).replicas());
        assertEquals(1, plan.domain(1).scenario().pools().get(0).replicas());
        assertEquals(3, plan.domain(2).scenario().pools().get(0).replicas());
    }

    @Test
    void aPoolNameMeansOneKindOfPool() {
        String m = error(BASE);
        assertTrue(m.contains("fleet.domains: pool 'main' is h100-sxm x1 running llama-3.1-8b"), m);
        assertTrue(m.contains("in domain 'ap-south'"), m);
    }

    @Test
    void copiesOrDomainsNotBoth() {
        assertTrue(error(BASE, "fleet.copies=3").contains("fleet: give either copies (N identical domains) or domains"
                + " (a list), not both"));
        assertTrue(error(BASE, "fleet={}").contains("not neither"));
        assertTrue(error(BASE, "fleet.domains=[]").contains("fleet.domains: must list at least one domain"));
        assertTrue(error(BASE, "fleet={copies: 0}").contains("fleet.copies: must be between 1 and 100000, got 0"));
    }

    @Test
    void sharesAddUpToOne() {
        String m = error(BASE, "fleet.domains[2].share=0.3", "fleet.domains[2].set=[]");
        assertTrue(m.contains("fleet.domains: shares must add up to 1, got 1.1"), m);
        m = error(BASE, "fleet.domains[2].share=null", "fleet.domains[2].set=[]");
        assertTrue(m.contains("give every domain a share or none (equal shares); 2 of 3 have one"), m);
        m = error(BASE, "fleet.domains[1].share=30");
        assertTrue(m.contains("fleet.domains[1].share: must be a fraction in (0, 1], got 30"), m);
    }

    @Test
    void namesAreUniqueAndAssignmentsWellFormed() {
        assertTrue(error(BASE, "fleet.domains[1].name=us-east").contains("'us-east' names two domains"));
        assertTrue(error(BASE, "fleet.domains[0].set=[\"replicas\"]").contains(
                "fleet.domains[0].set[0]: must be PATH=VALUE"));
        assertTrue(error(BASE, "fleet.domains[0].set=[\"seed=3\"]").contains("the fleet gives each domain its seed"));
    }

    @Test
    void aBrokenDomainAssignmentNamesTheDomain() {
        String m = error(BASE, "fleet.domains[2].set=[\"cluster.pools[0].replicas=0\"]");
        assertTrue(m.contains("in fleet domain 'ap-south': must be >= 1, got 0"), m);
    }

    @Test
    void fleetsOfApplicationLayersAndTracesAreRefused() {
        String main = "    - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}\n";
        String withApi = BASE.replace(main, main + "    - {name: api, provider: openai-gpt-4o-mini}\n");
        assertTrue(withApi.contains("provider:"));
        assertTrue(error(withApi, "fleet.domains[2].set=[]").contains("an application layer"));
    }

    @Test
    void aTracesKeepRangeIsChecked_andSamplesTheTrace() {
        String m = assertThrows(InputException.class, () -> TestScenarios.loadFile("scenarios/trace-replay.yaml",
                "workload.trace.keep={from: 0.5, to: 0.5}")).getMessage();
        assertTrue(m.contains("workload.trace.keep: needs 0 <= from < to <= 1, got from 0.5, to 0.5"), m);
        Scenario all = TestScenarios.loadFile("scenarios/trace-replay.yaml");
        Scenario half = TestScenarios.loadFile("scenarios/trace-replay.yaml", "workload.trace.keep={to: 0.5}");
        long rows = all.workload().sharedTrace().rows();
        long kept = half.workload().sharedTrace().rows();
        assertEquals(0.5, kept / (double) rows, 0.05);
        // the time axis is the whole trace's
        assertEquals(all.workload().sharedTrace().speedup(), half.workload().sharedTrace().speedup());
    }
}
