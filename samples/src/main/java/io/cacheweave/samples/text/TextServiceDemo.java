package io.cacheweave.samples.text;

import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.stats.OperationStats;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The first thing to run: calls each operation of {@link TextService} twice with equal arguments and prints how
 * long the first call (a miss: the slow model runs) and the repeated call (a hit) took, then the hit ratio of each
 * operation, then shows that an {@code @Invalidate} call makes the next call miss again.
 *
 * <pre>
 * java -javaagent:cache-agent/target/cache-agent.jar -jar samples/target/cacheweave-samples.jar
 * </pre>
 */
public final class TextServiceDemo {
    private static final String TEXT = "Cacheweave caches the results of slow methods. Great caching makes slow "
            + "language model calls fast: the second call with the same text returns the stored summary, and "
            + "invalidation removes stale summaries when the model changes.";

    private TextServiceDemo() {
    }

    public static void main(String[] args) {
        SlowModel model = new SlowModel(300);
        TextService service = new TextService(model);
        TextService.Options options = new TextService.Options("en", 8);

        System.out.println("Cacheweave demo: a slow model (300 ms per call) behind five cached operations");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %18s %18s%n", "operation", "first call (miss)", "repeated (hit)");
        row("summarize", () -> service.summarize(TEXT, options));
        row("sentiment", () -> service.sentiment(TEXT));
        row("key_points", () -> service.keyPoints(TEXT, 3));
        row("questions", () -> service.questions(TEXT));
        row("qa", () -> service.answer(TEXT, "Which calls are slow?"));

        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %6s %6s %6s %10s%n", "operation", "hits", "misses", "loads", "hit ratio");
        for (OperationStats s : Cacheweave.stats().values()) {
            System.out.printf(Locale.ROOT, "%-10s %6d %6d %6d %9.0f%%%n", s.operation(), s.hits(), s.misses(),
                    s.loads(), s.hitRatio() * 100);
        }

        System.out.println();
        service.onModelUpdate();
        double afterInvalidate = millis(() -> service.summarize(TEXT, options));
        double again = millis(() -> service.summarize(TEXT, options));
        System.out.printf(Locale.ROOT, "after @Invalidate(operation = \"summarize\"): next summarize %.1f ms "
                + "(miss), then %.3f ms (hit)%n", afterInvalidate, again);
        System.out.println("model calls: " + model.calls() + " of 12 service calls");
        if (model.calls() > 6) {
            System.out.println("WARNING: repeated calls reached the model; start the JVM with "
                    + "-javaagent:cache-agent/target/cache-agent.jar");
        }
    }

    private static void row(String operation, Supplier<Object> call) {
        double miss = millis(call);
        double hit = millis(call);
        System.out.printf(Locale.ROOT, "%-10s %15.1f ms %15.3f ms%n", operation, miss, hit);
    }

    private static double millis(Supplier<Object> call) {
        long start = System.nanoTime();
        call.get();
        return (System.nanoTime() - start) / 1e6;
    }
}
