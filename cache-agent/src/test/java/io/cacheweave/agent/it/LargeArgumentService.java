package io.cacheweave.agent.it;

import io.cacheweave.annotations.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Methods called with large text arguments and returning large values, for {@link MemoryBoundIT}. */
public class LargeArgumentService {
    public final AtomicInteger lengthRuns = new AtomicInteger();
    public final AtomicInteger pageRuns = new AtomicInteger();

    /** A large text argument, a small result: the key is what costs memory. */
    @Cached(operation = "it-text-length")
    public int length(String text, int variant) {
        lengthRuns.incrementAndGet();
        return text.length() + variant;
    }

    /** A small argument, a large result: the value is what costs memory. */
    @Cached(operation = "it-page")
    public String page(int number) {
        pageRuns.incrementAndGet();
        return String.valueOf((char) ('a' + number % 26)).repeat(64 * 1024) + number;
    }
}
