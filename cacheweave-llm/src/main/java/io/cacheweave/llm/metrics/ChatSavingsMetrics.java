package io.cacheweave.llm.metrics;

import io.cacheweave.llm.ChatSavings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes what a chat cache saved as Micrometer counters, per cache and model (tags {@code cache}, {@code model}):
 * {@code cache.llm.hits} ({@code match=exact|semantic}), {@code cache.llm.misses}, {@code cache.llm.tokens.saved}
 * ({@code direction=input|output}) and {@code cache.llm.cost.saved}. A model's meters are registered when its first
 * request is counted. Micrometer is an optional dependency: only this package touches it.
 *
 * <pre>{@code
 * new ChatSavingsMetrics(cache.savings()).bindTo(meterRegistry);
 * }</pre>
 */
public final class ChatSavingsMetrics implements MeterBinder {

    private final ChatSavings savings;

    public ChatSavingsMetrics(ChatSavings savings) {
        this.savings = savings;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        savings.onModel(model -> register(registry, model));
    }

    private void register(MeterRegistry registry, String model) {
        Tags tags = Tags.of("cache", savings.cache(), "model", model);
        counter(registry, "cache.llm.hits", tags.and("match", "exact"), "answers served for an identical request",
                null, m -> savings.model(model).exactHits());
        counter(registry, "cache.llm.hits", tags.and("match", "semantic"),
                "answers served for a request of the same meaning", null, m -> savings.model(model).semanticHits());
        counter(registry, "cache.llm.misses", tags, "requests that went to the model", null,
                m -> savings.model(model).misses());
        counter(registry, "cache.llm.tokens.saved", tags.and("direction", "input"),
                "input tokens the served answers cost when the model wrote them", "tokens",
                m -> savings.model(model).inputTokensSaved());
        counter(registry, "cache.llm.tokens.saved", tags.and("direction", "output"),
                "output tokens the served answers cost when the model wrote them", "tokens",
                m -> savings.model(model).outputTokensSaved());
        counter(registry, "cache.llm.cost.saved", tags, "the price of the tokens saved, from the price table", null,
                m -> savings.model(model).costSaved());
    }

    private void counter(MeterRegistry registry, String name, Tags tags, String description, String unit,
            ToDoubleFunction<ChatSavings> value) {
        FunctionCounter.builder(name, savings, value).tags(tags).description(description).baseUnit(unit)
                .register(registry);
    }
}
