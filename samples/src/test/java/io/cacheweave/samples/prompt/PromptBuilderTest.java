package io.cacheweave.samples.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweave.runtime.testing.ManualClock;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.faces.CacheWarmer;
import io.cacheweave.runtime.faces.HierarchicalKeys;
import io.cacheweave.runtime.faces.WarmUpReport;
import io.cacheweave.runtime.testing.MapCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prompt builder over the {@code Cache} test double; the demo itself runs in PromptBuilderDemoIT. */
class PromptBuilderTest {

    private static final Map<String, String> VARIABLES = Map.of("product", "P", "user_name", "Ada", "role", "r",
            "language", "English", "format", "a list");

    private final MapCache<String, String> cache = new MapCache<>("prompt-templates", new ManualClock(),
            Duration.ofHours(1), 1000);
    private final PromptBuilder builder = new PromptBuilder(cache,
            new PromptTemplates(PromptTemplates.SAMPLE_MODULES, 0), List.of("language", "base", "identity"),
            HierarchicalKeys.create(Settings.create()), CacheWarmer.withParallelism(2), Duration.ofHours(1));

    @Test
    void warmUp_everyPrefixCombinationInModuleOrder_andEachModuleAlone() {
        assertEquals(List.of("combo:base", "combo:base+identity", "combo:base+identity+language", "module:base",
                "module:identity", "module:language"), builder.warmUpKeys());
        WarmUpReport<String> report = builder.warmUp();
        assertEquals(6, report.requested());
        assertEquals(6, report.loaded());
        assertEquals(1 + 2 + 3 + 3, builder.compilations());
        assertEquals("You are a careful assistant for {{product}}. Answer only what you know.\n\n"
                + "You are talking to {{user_name}}, who works as {{role}}.", cache.get("combo:base+identity"));

        WarmUpReport<String> again = builder.warmUp();
        assertEquals(6, again.alreadyPresent());
        assertEquals(9, builder.compilations());
    }

    @Test
    void build_warmedCombination_isAHit_otherCombinationCompiledOnceFromModules() {
        builder.warmUp();
        assertEquals("You are a careful assistant for P. Answer only what you know.\n\nAnswer in English.",
                builder.build(List.of("language", "base"), VARIABLES));
        assertEquals(0, builder.hits()); // base+language is not a prefix of base, identity, language
        assertEquals(9, builder.compilations()); // assembled from the warmed modules

        builder.build(List.of("identity", "base"), VARIABLES);
        builder.build(List.of("base", "language"), VARIABLES);
        builder.build(List.of("base", "safety"), VARIABLES);
        builder.build(List.of("safety", "base"), VARIABLES);
        assertEquals(5, builder.requests());
        assertEquals(3, builder.hits());
        assertEquals(10, builder.compilations()); // safety, once
        assertEquals(0.6, builder.hitRatio(), 1e-9);
    }

    @Test
    void build_badInput_rejected() {
        assertEquals("module must be one of [base, identity, language, format, safety, examples]: tone",
                assertThrows(IllegalArgumentException.class, () -> builder.build(List.of("tone"), VARIABLES))
                        .getMessage());
        assertEquals("variables must give a value for {{product}}", assertThrows(IllegalArgumentException.class,
                () -> builder.build(List.of("base"), Map.of())).getMessage());
        assertEquals("modules must not be empty", assertThrows(IllegalArgumentException.class,
                () -> builder.build(List.of(), VARIABLES)).getMessage());
    }
}
