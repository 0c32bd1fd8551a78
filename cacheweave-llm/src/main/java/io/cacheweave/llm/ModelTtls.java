package io.cacheweave.llm;

import io.cacheweave.runtime.config.Durations;
import io.cacheweave.runtime.config.SettingName;
import io.cacheweave.runtime.config.SettingValue;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a chat cache keeps each model's answers: the options' {@code modelTtl(model)} (the builder, the Spring
 * Boot starter's {@code cacheweave.llm.model-ttl[<model>]}), else the runtime's setting
 * {@code cacheweave.llm.model-ttl.<model>} ({@code cacheweave.properties}, environment, system properties, agent
 * arguments), else the options' TTL. A setting's model name matches exactly first, then compared lower-cased with
 * every character other than a letter or digit as {@code _}, so the environment form
 * {@code CACHEWEAVE_LLM_MODEL_TTL_GPT_4O} reaches {@code gpt-4o}.
 *
 * <p>A value that is not a positive duration is logged at WARN when the cache is made, naming the setting, its value,
 * its source and the form expected, and that model's answers live the options' TTL; it never fails the caller.
 */
final class ModelTtls {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTtls.class);
    private static final String PREFIX = SettingName.LLM_MODEL_TTL_PREFIX;

    private final ChatCacheOptions options;
    /** The settings' TTLs by model as written, and by folded name. */
    private final Map<String, Duration> exact = new TreeMap<>();
    private final Map<String, Duration> folded = new TreeMap<>();

    private ModelTtls(ChatCacheOptions options) {
        this.options = options;
    }

    /**
     * @param options the cache's options, whose own per-model TTLs win
     * @param settings the runtime's settings
     * @return the TTLs; each bad setting logged once, here
     */
    static ModelTtls of(ChatCacheOptions options, Settings settings) {
        ModelTtls ttls = new ModelTtls(options);
        for (SettingValue v : settings.raw(PREFIX).values()) {
            String model = v.name().substring(PREFIX.length());
            Duration ttl;
            try {
                ttl = Durations.parsePositive(v.value());
            } catch (IllegalArgumentException e) {
                LOG.warn("cacheweave: {}=\"{}\" ({}) is not a positive duration; use {}. Answers of model {} in chat "
                        + "cache {} live {} instead", v.name(), v.value(), v.source(), Durations.FORM, model,
                        options.name(), options.modelTtl(model).orElse(options.ttl("")));
                continue;
            }
            ttls.exact.put(model, ttl);
            ttls.folded.putIfAbsent(fold(model), ttl);
        }
        return ttls;
    }

    /** @return how long an answer of {@code model} lives */
    Duration of(String model) {
        if (model == null) {
            return options.ttl("");
        }
        Optional<Duration> own = options.modelTtl(model);
        if (own.isPresent()) {
            return own.get();
        }
        Duration set = exact.get(model);
        if (set == null && !folded.isEmpty()) {
            set = folded.get(fold(model));
        }
        return set != null ? set : options.ttl(model);
    }

    /** @return the name lower-cased, every character other than a letter or digit as {@code _} */
    static String fold(String model) {
        return model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }
}
