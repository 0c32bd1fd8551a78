package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.testing.ManualClock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs under {@code -javaagent:cache-agent.jar} and over build-woven classes: woven {@code @Invalidate} methods reach a programmatic cache. */
class ProgrammaticInvalidationIT {
    private final ProgrammaticInvalidationService service = new ProgrammaticInvalidationService();
    private Cache<String, String> notes;

    @BeforeEach
    void freshRuntime() {
        Cacheweave.install(CacheRuntime.builder().clock(new ManualClock()).build());
        notes = Cacheweave.cache("it-notes", String.class);
        notes.put("a:b", "1");
        notes.put("user-1", "2");
        notes.put("user-2", "3");
        notes.put("other", "4");
    }

    @Test
    void key_removesTheEntryRenderedTheSameWay() {
        service.edit("a:b");
        assertNull(notes.get("a:b"));
        assertEquals(List.of("other", "user-1", "user-2"), notes.keys(""));
    }

    @Test
    void pattern_removesTheMatches() {
        service.dropUsers();
        assertEquals(List.of("a:b", "other"), notes.keys(""), "keys as written");
    }

    @Test
    void operation_removesEveryEntry() {
        service.reimport();
        assertEquals(List.of(), notes.keys(""));
        assertEquals(1, Cacheweave.stats("it-notes").orElseThrow().invalidations());
    }
}
