package io.cacheweave.llm;

import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.UsageSavings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a chat cache saved, per model: answers served from the cache (exact and semantic), the tokens those answers
 * cost when the model produced them (from the responses' usage metadata), and, with a price in the options, the
 * money. Counters only rise; {@link #snapshot()} reads them.
 *
 * <p>It is also the runtime monitor's {@link UsageSavings} for its cache (registered by
 * {@link ChatResponseCache#create}), so the rows are in the monitor's snapshot ({@code usageSaved}), on the stats page
 * and in the Spring Boot Actuator endpoint: per model, hits {@code exact} and {@code semantic}, units
 * {@code input tokens} and {@code output tokens}, and the cost when the model has a price.
 */
public final class ChatSavings implements UsageSavings {

    /**
     * One model's row.
     *
     * @param exactHits answers served for an identical request
     * @param semanticHits answers served for a request of the same meaning
     * @param misses requests that went to the model
     * @param inputTokensSaved input tokens the model did not have to read
     * @param outputTokensSaved output tokens the model did not have to write
     * @param costSaved their price, from the options' price table (0 when the model has no price)
     */
    public record ModelSavings(long exactHits, long semanticHits, long misses, long inputTokensSaved,
            long outputTokensSaved, double costSaved) {
    }

    private static final class Row {
        final LongAdder exact = new LongAdder();
        final LongAdder semantic = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final DoubleAdder cost = new DoubleAdder();
    }

    private final ChatCacheOptions options;
    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<String>> modelListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LongAdder bypassed = new LongAdder();

    ChatSavings(ChatCacheOptions options) {
        this.options = options;
    }

    void hit(String model, ChatAnswer answer, boolean semantic) {
        Row row = row(model);
        (semantic ? row.semantic : row.exact).increment();
        row.input.add(answer.inputTokens());
        row.output.add(answer.outputTokens());
        options.price(model).ifPresent(p -> row.cost.add(p.cost(answer.inputTokens(), answer.outputTokens())));
    }

    void miss(String model) {
        row(model).misses.increment();
    }

    void bypassed() {
        bypassed.increment();
    }

    /** @return requests that were not cacheable (sampled without permission, or not renderable) */
    public long bypassedRequests() {
        return bypassed.sum();
    }

    /** @return the rows per model, by model name */
    public Map<String, ModelSavings> snapshot() {
        Map<String, ModelSavings> out = new TreeMap<>();
        rows.forEach((model, r) -> out.put(model, new ModelSavings(r.exact.sum(), r.semantic.sum(), r.misses.sum(),
                r.input.sum(), r.output.sum(), r.cost.sum())));
        return out;
    }

    /** @return the sum over every model */
    public ModelSavings total() {
        long e = 0;
        long s = 0;
        long m = 0;
        long i = 0;
        long o = 0;
        double c = 0;
        for (ModelSavings r : snapshot().values()) {
            e += r.exactHits();
            s += r.semanticHits();
            m += r.misses();
            i += r.inputTokensSaved();
            o += r.outputTokensSaved();
            c += r.costSaved();
        }
        return new ModelSavings(e, s, m, i, o, c);
    }

    /** @return one row per model, for the runtime monitor's snapshot */
    @Override
    public List<MonitorSnapshot.UsageSaved> usageSaved() {
        List<MonitorSnapshot.UsageSaved> out = new ArrayList<>();
        snapshot().forEach((model, s) -> {
            Map<String, Long> hits = new LinkedHashMap<>();
            hits.put("exact", s.exactHits());
            hits.put("semantic", s.semanticHits());
            Map<String, Long> units = new LinkedHashMap<>();
            units.put("input tokens", s.inputTokensSaved());
            units.put("output tokens", s.outputTokensSaved());
            out.add(new MonitorSnapshot.UsageSaved(options.name(), model, hits, s.misses(), units,
                    options.price(model).isPresent() ? s.costSaved() : null));
        });
        return out;
    }

    /** @return the cache these savings belong to */
    public String cache() {
        return options.name();
    }

    /** @return one model's row now (zeros for a model not seen yet) */
    public ModelSavings model(String model) {
        Row r = rows.get(model);
        return r == null ? new ModelSavings(0, 0, 0, 0, 0, 0)
                : new ModelSavings(r.exact.sum(), r.semantic.sum(), r.misses.sum(), r.input.sum(), r.output.sum(),
                        r.cost.sum());
    }

    /**
     * @param listener told the name of every model as its row appears, and at once of the models seen so far (how
     *     the Micrometer and JMX bindings learn which meters to register)
     */
    public void onModel(java.util.function.Consumer<String> listener) {
        modelListeners.add(listener);
        rows.keySet().forEach(listener);
    }

    private Row row(String model) {
        Row row = rows.get(model);
        if (row != null) {
            return row;
        }
        Row created = new Row();
        Row raced = rows.putIfAbsent(model, created);
        if (raced != null) {
            return raced;
        }
        modelListeners.forEach(l -> l.accept(model));
        return created;
    }
}
