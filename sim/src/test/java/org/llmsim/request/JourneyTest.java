package org.llmsim.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JourneyTest {

    private static Request user() {
        return new Request(7, 1.5, 2000, 300).inClass(2).withPriority(1).withSharedPrefix(42, 1500).inContext(9)
                .withContent(11, 12);
    }

    @Test
    void aCall_hasTheUsersIdentity_itsOwnSizesAndArrival_andLeadsBackToTheUser() {
        Request user = user();
        Journey j = Journey.start(user);
        Request call = j.newCall(4.0, 1000, 50);
        assertEquals(7, call.id());
        assertEquals(4.0, call.arrivalS());
        assertEquals(1000, call.inputTokens());
        assertEquals(50, call.outputTokens());
        assertEquals(2, call.classIndex());
        assertEquals(1, call.priority());
        assertEquals(42, call.prefixId());
        assertEquals(1000, call.prefixTokens(), "the shared prefix cannot be longer than the call's prompt");
        assertEquals(9, call.contextId());
        assertEquals(11, call.contentKey());
        assertEquals(12, call.paraphraseGroup());
        assertTrue(Journey.isCall(call));
        assertSame(user, Journey.userOf(call));
        assertSame(j, user.journey());
        assertFalse(Journey.isCall(user));
        assertSame(user, Journey.userOf(user));
    }

    @Test
    void aRequestWithoutApplicationLayer_hasNoJourney_andIsNoCall() {
        Request plain = user();
        assertNull(plain.journey());
        assertFalse(Journey.isCall(plain));
        assertSame(plain, Journey.userOf(plain));
    }

    @Test
    void absorbingCalls_addsUpPreemptionsSwapsAndCrashRetries_keepsTheLatestReplicaAndCachedTokens() {
        Request user = user();
        Journey j = Journey.start(user);
        Request first = j.newCall(2, 2000, 300);
        first.assignReplica(3);
        first.markPreempted();
        first.markPreempted();
        first.markSwapped();
        first.markCachedTokens(1500);
        first.markRetriedAfterCrash();
        Request second = j.newCall(5, 2000, 300);
        second.assignReplica(1);
        second.markPreempted();
        second.markCachedTokens(1024);
        j.absorbCall(first);
        j.absorbCall(second);
        assertEquals(3, user.preemptions());
        assertEquals(1, user.swaps());
        assertEquals(1, user.crashRetries());
        assertEquals(1, user.replica());
        assertEquals(1024, user.cachedTokens());
    }

    @Test
    void theJourneyKeepsWhatTheLayerDid() {
        Journey j = Journey.start(user());
        j.markSent("small", "gpu");
        j.markRetry();
        j.markSent("small", "gpu");
        j.markFallback();
        j.markSent("small", "api");
        j.markAnswered("small", "api");
        j.addCost(0.25);
        j.addCost(0.5);
        assertEquals(3, j.calls());
        assertEquals(1, j.retries());
        assertEquals(1, j.fallbacks());
        assertEquals("api", j.backend());
        assertEquals(0.75, j.costUsd());
        assertNull(j.cacheHit());
        Journey hit = Journey.start(user());
        hit.markCacheHit("kv");
        assertEquals("kv", hit.cacheHit());
        assertEquals("kv", hit.backend());
        assertEquals(0, hit.calls());
    }
}
