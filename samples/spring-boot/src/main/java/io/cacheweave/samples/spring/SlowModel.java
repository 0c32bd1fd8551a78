package io.cacheweave.samples.spring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Stands in for a language model: every call takes {@code model.latency-ms} (300 ms) and is counted. */
@Component
public class SlowModel {
    private final long latencyMillis;
    private final AtomicInteger calls = new AtomicInteger();

    public SlowModel(@Value("${model.latency-ms:300}") long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    /** Waits as long as a model call takes. */
    public void complete(String operation, String prompt) {
        calls.incrementAndGet();
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many calls reached the model */
    public int calls() {
        return calls.get();
    }

    /** @return the lower-case words of a text */
    public static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .toList();
    }
}
