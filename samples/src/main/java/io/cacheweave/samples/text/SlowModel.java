package io.cacheweave.samples.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately slow, deterministic stand-in for a language model: every call sleeps for a fixed latency and
 * derives its answer from the input alone, so the demo shows what caching saves without any network.
 */
public final class SlowModel {
    private final long latencyMillis;
    private final AtomicInteger calls = new AtomicInteger();

    /** @param latencyMillis how long each call takes */
    public SlowModel(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    /** @return how many times the model was called */
    public int calls() {
        return calls.get();
    }

    String complete(String task, String text) {
        calls.incrementAndGet();
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return task + "(" + text.length() + " chars)";
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .toList();
    }
}
