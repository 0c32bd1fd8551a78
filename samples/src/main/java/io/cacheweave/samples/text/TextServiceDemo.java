package io.cacheweave.samples.text;

import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.stats.OperationStats;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    public static void main(String[] args) throws InterruptedException {
        boolean serve = List.of(args).contains("--serve");
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

        System.out.println();
        Optional<URI> page = Cacheweave.runtime().statsPageUri();
        System.out.println(page.map(uri -> "stats page: " + uri + (serve ? "" : " (open while the demo runs; "
                + "add --serve to keep it)")).orElse("stats page: not running (see the log above)"));
        if (serve) {
            serve(service, options);
        }
    }

    /** Calls the service forever, a few new texts among many repeated ones, so the page has numbers to chart. */
    private static void serve(TextService service, TextService.Options options) throws InterruptedException {
        System.out.println("serving; calling the service once a second; stop with Ctrl-C");
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; ; round++) {
            String text = TEXT + (random.nextInt(10) < 8 ? "" : " Round " + round + ".");
            service.summarize(text, options);
            service.sentiment(random.nextBoolean() ? TEXT : text);
            service.keyPoints(TEXT, 1 + random.nextInt(3));
            if (round % 30 == 29) {
                service.onModelUpdate();
            }
            Thread.sleep(1000);
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
