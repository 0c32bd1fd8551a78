package io.cacheweave.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {

    @Test
    void manyThreadsAtOnce_makeItOnce_andAllGetTheSameValue() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Once<Object> once = new Once<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertNull(once.ifMade(), "not made before it is asked for");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return once.get();
                }));
            }
            start.countDown();
            for (Future<Object> f : got) {
                assertSame(got.get(0).get(), f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, made.get());
        assertSame(once.get(), once.ifMade());
    }

    @Test
    void aSupplierThatThrows_isTriedAgainByTheNextGet() {
        AtomicInteger calls = new AtomicInteger();
        Once<String> once = new Once<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first try fails");
            }
            return "made";
        });
        assertThrows(IllegalStateException.class, once::get);
        assertNull(once.ifMade());
        assertEquals("made", once.get());
        assertEquals(2, calls.get());
    }
}
