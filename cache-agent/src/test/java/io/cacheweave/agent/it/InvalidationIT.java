package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs under {@code -javaagent:cache-agent.jar} and over build-woven classes: {@code @Invalidate(key = ...)} and {@code beforeInvocation}. */
class InvalidationIT {
    private final InvalidationService service = new InvalidationService();

    @BeforeEach
    void freshRuntime() {
        Cacheweave.install(CacheRuntime.builder().clock(new ManualClock()).build());
    }

    @Test
    void key_removesOnlyThatEntry_andOthersOfTheOperationStay() {
        service.account("u1");
        service.account("u2");
        service.account("u*"); // a key here, never a wildcard
        assertEquals(3, service.accountRuns.get());

        service.update("u*");
        service.account("u1");
        service.account("u2");
        assertEquals(3, service.accountRuns.get(), "u1 and u2 stay cached");
        assertEquals("account:u*:4", service.account("u*"));

        service.update("u1");
        assertEquals("account:u1:5", service.account("u1"));
        service.account("u2");
        assertEquals(5, service.accountRuns.get());
    }

    @Test
    void key_afterInvalidation_doesNothingWhenTheMethodThrows() {
        service.account("u1");
        assertThrows(IllegalStateException.class, () -> service.failingUpdate("u1"));
        service.account("u1");
        assertEquals(1, service.accountRuns.get());
    }

    @Test
    void beforeInvocation_runsBeforeTheBody_whichSeesAMiss() {
        assertEquals("account:u1:1", service.account("u1"));
        assertEquals("account:u1:2", service.rewrite("u1"), "the body's cached read missed");
        assertEquals("account:u1:2", service.account("u1"), "and stored the fresh value");
        assertEquals(2, service.accountRuns.get());
    }

    @Test
    void beforeInvocation_invalidatesEvenWhenTheBodyThrows_andAfterOnesDoNot() {
        service.account("u1");
        service.ledger("u1");
        assertThrows(IllegalStateException.class, () -> service.close("u1", true));

        service.account("u1");
        service.ledger("u1");
        assertEquals(2, service.accountRuns.get(), "the before-invalidation ran");
        assertEquals(1, service.ledgerRuns.get(), "the after-invalidation did not");
    }

    @Test
    void beforeAndAfter_bothRunOnANormalReturn() {
        service.account("u1");
        service.ledger("u1");
        service.close("u1", false);

        service.account("u1");
        service.ledger("u1");
        assertEquals(2, service.accountRuns.get());
        assertEquals(2, service.ledgerRuns.get());
    }
}
