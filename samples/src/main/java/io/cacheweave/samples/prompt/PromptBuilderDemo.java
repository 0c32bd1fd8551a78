package io.cacheweave.samples.prompt;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.faces.CacheWarmer;
import io.cacheweave.runtime.faces.DataTypeTtls;
import io.cacheweave.runtime.faces.HierarchicalKeys;
import io.cacheweave.runtime.faces.WarmUpReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A prompt builder that warms its templates at start-up and then serves prompt assembly from the cache, through the
 * programmatic API ({@code Cacheweave.cache}); no agent is needed:
 *
 * <pre>
 * java -cp samples/target/cacheweave-samples.jar io.cacheweave.samples.prompt.PromptBuilderDemo
 * </pre>
 *
 * It prints the keys it warmed, then serves ten prompt requests (eight of them combinations it warmed) and prints
 * how many found their template in the cache. With {@code REDIS_URL} set, a second run finds the templates of the
 * first already present.
 */
public final class PromptBuilderDemo {
    /** Compiling one module takes this long: the cost the warm-up moves to start-up. */
    static final long COMPILE_MILLIS = 40;

    private static final List<String> DEFAULT_MODULES = List.of("base", "identity", "language", "format");
    private static final Map<String, String> VARIABLES = Map.of("product", "Cacheweave", "user_name", "Ada",
            "role", "an engineer", "language", "English", "format", "a short list");

    private PromptBuilderDemo() {
    }

    public static void main(String[] args) {
        Settings settings = Cacheweave.runtime().settings();
        Cache<String, String> cache = Cacheweave.cache("prompt-templates", String.class);
        PromptBuilder builder = new PromptBuilder(cache, new PromptTemplates(PromptTemplates.SAMPLE_MODULES,
                COMPILE_MILLIS), DEFAULT_MODULES, HierarchicalKeys.create(settings), CacheWarmer.create(settings),
                DataTypeTtls.create(settings).ttl("prompt-templates"));

        System.out.println("Cacheweave prompt builder: templates compiled ahead of time (" + COMPILE_MILLIS
                + " ms per module), prompts served from the cache");
        System.out.println();
        WarmUpReport<String> report = builder.warmUp();
        System.out.printf(Locale.ROOT, "warmed %d templates in %d ms: %d loaded, %d already present, %d failed%n",
                report.requested(), report.elapsed().toMillis(), report.loaded(), report.alreadyPresent(),
                report.failed());
        for (String key : builder.warmUpKeys()) {
            System.out.println("  " + key);
        }

        System.out.println();
        List<List<String>> requests = List.of(
                List.of("base", "identity", "language", "format"),
                List.of("base"),
                List.of("identity", "base"),
                List.of("base", "identity", "language"),
                List.of("base", "format"),
                List.of("language", "format", "identity", "base"),
                List.of("format", "base"),
                List.of("base", "safety"),
                List.of("base", "identity"),
                List.of("base", "safety"));
        System.out.printf(Locale.ROOT, "%-34s %10s%n", "modules requested", "ms");
        for (List<String> modules : requests) {
            long start = System.nanoTime();
            String prompt = builder.build(modules, VARIABLES);
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "%-34s %10.3f  (%d characters)%n", String.join("+", modules), ms,
                    prompt.length());
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "prompts: %d, from the cache: %d, hit ratio: %.0f%%%n", builder.requests(),
                builder.hits(), builder.hitRatio() * 100);
        System.out.println("modules compiled: " + builder.compilations() + " (" + report.loaded()
                + " templates at warm-up)");
    }
}
