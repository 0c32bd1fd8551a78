package io.cacheweave.samples.prompt;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.faces.CacheWarmer;
import io.cacheweave.runtime.faces.HierarchicalKeys;
import io.cacheweave.runtime.faces.WarmUpReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assembles prompts from template modules, with the compiled templates in a {@link Cache}. At start-up,
 * {@link #warmUp()} compiles ahead of time every prefix combination of the default modules, in module order
 * ({@code base}, {@code base+identity}, {@code base+identity+language}, ...), and each default module alone. A
 * request then finds its combination in the cache, or compiles it from the cached modules and stores it.
 *
 * <p>Keys are hierarchical ({@link HierarchicalKeys}): {@code combo:base+identity} and {@code module:base}.
 * Thread-safe.
 */
public final class PromptBuilder {
    private static final String COMBO = "combo";
    private static final String MODULE = "module";

    private final Cache<String, String> cache;
    private final PromptTemplates templates;
    private final List<String> defaultModules;
    private final HierarchicalKeys keys;
    private final CacheWarmer warmer;
    private final Duration ttl;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong comboHits = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();

    /**
     * @param cache where compiled templates live
     * @param templates the modules
     * @param defaultModules the modules most prompts use, warmed at start-up
     * @param keys renders the cache keys
     * @param warmer runs the warm-up
     * @param ttl how long a compiled template lives
     */
    public PromptBuilder(Cache<String, String> cache, PromptTemplates templates, List<String> defaultModules,
            HierarchicalKeys keys, CacheWarmer warmer, Duration ttl) {
        this.cache = cache;
        this.templates = templates;
        this.defaultModules = templates.inOrder(defaultModules);
        this.keys = keys;
        this.warmer = warmer;
        this.ttl = ttl;
    }

    /**
     * Compiles every prefix combination of the default modules and each default module alone, ahead of time.
     *
     * @return the warm-up's report; its keys are {@code combo:...} and {@code module:...}
     */
    public WarmUpReport<String> warmUp() {
        Map<String, List<String>> plan = warmUpPlan();
        return warmer.warm(cache, plan.keySet(), key -> compileCounted(plan.get(key)), ttl);
    }

    /** @return the keys {@link #warmUp()} loads, in order: the prefix combinations, then the single modules */
    public List<String> warmUpKeys() {
        return List.copyOf(warmUpPlan().keySet());
    }

    /** Every prefix combination of the default modules, then each default module alone, by cache key. */
    private Map<String, List<String>> warmUpPlan() {
        Map<String, List<String>> plan = new LinkedHashMap<>();
        for (int i = 1; i <= defaultModules.size(); i++) {
            List<String> prefix = defaultModules.subList(0, i);
            plan.put(comboKey(prefix), prefix);
        }
        for (String module : defaultModules) {
            plan.put(moduleKey(module), List.of(module));
        }
        return plan;
    }

    /**
     * @param modules the modules of this prompt, any order
     * @param variables a value for each placeholder of those modules
     * @return the prompt
     */
    public String build(List<String> modules, Map<String, String> variables) {
        List<String> ordered = templates.inOrder(modules);
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("modules must not be empty");
        }
        requests.incrementAndGet();
        String key = comboKey(ordered);
        String template = cache.get(key);
        if (template != null) {
            comboHits.incrementAndGet();
        } else {
            // Assembled outside any loader, so no load of the cache runs inside another; each module is compiled
            // once across threads by its own getOrLoad, and the assembly itself is cheap.
            String assembled = fromModules(ordered);
            template = cache.getOrLoad(key, k -> assembled, ttl);
        }
        return PromptTemplates.fill(template, variables);
    }

    /** @return prompts built */
    public long requests() {
        return requests.get();
    }

    /** @return prompts whose compiled combination was in the cache */
    public long hits() {
        return comboHits.get();
    }

    /** @return modules compiled (at warm-up and on demand) since start */
    public long compilations() {
        return compilations.get();
    }

    /** @return hits over requests, 0 before the first */
    public double hitRatio() {
        long n = requests.get();
        return n == 0 ? 0 : (double) comboHits.get() / n;
    }

    /** A combination not in the cache: assembled from the modules' cached compilations, each compiled if missing. */
    private String fromModules(List<String> ordered) {
        StringBuilder out = new StringBuilder();
        for (String module : ordered) {
            String compiled = cache.getOrLoad(moduleKey(module), k -> compileCounted(List.of(module)), ttl);
            out.append(out.length() == 0 ? "" : "\n\n").append(compiled);
        }
        return out.toString();
    }

    private String compileCounted(List<String> modules) {
        compilations.addAndGet(modules.size());
        return templates.compile(modules);
    }

    private String comboKey(List<String> ordered) {
        return keys.key(COMBO, String.join("+", ordered));
    }

    private String moduleKey(String module) {
        return keys.key(MODULE, module);
    }
}
