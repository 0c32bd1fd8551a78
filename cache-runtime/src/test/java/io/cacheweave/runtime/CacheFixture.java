package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One configuration of tiers for the programmatic cache contract ({@link CacheContract}, {@link AsyncCacheContract}):
 * each test gets a fresh runtime on a {@link ManualClock} and a cache of its own name.
 */
abstract class CacheFixture {
    /** A value with structure, so the shared tier's codec does real work. */
    record Note(String text, int stars) {
    }

    /** A value Jackson cannot write: its only property throws. */
    static final class Unwritable {
        public String getBoom() {
            throw new IllegalStateException("cannot be read");
        }
    }

    private static final AtomicInteger NAMES = new AtomicInteger();

    ManualClock clock;
    CacheRuntime runtime;
    Cache<String, Note> cache;
    String name;

    /** @return the settings of this configuration (a Redis URL and namespace, ...) */
    io.cacheweave.runtime.config.Settings.Builder settings() {
        return io.cacheweave.runtime.config.Settings.builder();
    }

    /** @return a runtime of this configuration on {@code clock} */
    abstract CacheRuntime newRuntime(ManualClock clock, io.cacheweave.runtime.config.Settings settings);

    /** @return whether values go through a shared tier (and its codec) */
    abstract boolean hasSharedTier();

    /** Lets {@code d} pass for every tier: the manual clock, and real time for tiers that expire on their own. */
    void elapse(Duration d) throws InterruptedException {
        clock.advance(d);
    }

    @BeforeEach
    void open() {
        clock = new ManualClock();
        runtime = newRuntime(clock, settings().build());
        name = "notes" + NAMES.incrementAndGet();
        cache = runtime.<String, Note>cacheBuilder(name).valueType(Note.class).ttl(Duration.ofMinutes(10)).build();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    static Note note(String text) {
        return new Note(text, text.length());
    }
}
