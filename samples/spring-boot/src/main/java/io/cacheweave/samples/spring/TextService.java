package io.cacheweave.samples.spring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * The text service of the plain sample, cached the Spring way: nothing here names Cacheweave. The TTLs come from
 * {@code application.properties} ({@code cacheweave.ttl.summaries=2h}, ...).
 */
@Service
public class TextService {
    private static final Set<String> POSITIVE = Set.of("good", "great", "excellent", "love", "fast", "happy");
    private static final Set<String> NEGATIVE = Set.of("bad", "poor", "slow", "hate", "broken", "sad");

    private final SlowModel model;

    public TextService(SlowModel model) {
        this.model = model;
    }

    /** A summary of a text. */
    public record Summary(String text, int sourceWords) {
    }

    /** A sentiment score in [-1, 1] with a label. */
    public record Sentiment(String label, double score) {
    }

    @Cacheable("summaries")
    public Summary summarize(String text, int maxWords) {
        model.complete("summarize", text);
        List<String> words = SlowModel.words(text);
        return new Summary(String.join(" ", words.subList(0, Math.min(maxWords, words.size()))), words.size());
    }

    @Cacheable("sentiments")
    public Sentiment sentiment(String text) {
        model.complete("sentiment", text);
        List<String> words = SlowModel.words(text);
        long pos = words.stream().filter(POSITIVE::contains).count();
        long neg = words.stream().filter(NEGATIVE::contains).count();
        double score = pos + neg == 0 ? 0.0 : (double) (pos - neg) / (pos + neg);
        return new Sentiment(score > 0.2 ? "positive" : score < -0.2 ? "negative" : "neutral", score);
    }

    @Cacheable("key-points")
    public List<String> keyPoints(String text, int count) {
        model.complete("key_points", text);
        Map<String, Long> frequency = SlowModel.words(text).stream().filter(w -> w.length() > 3)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return frequency.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
    }

    /** Called when the model is replaced: every stored summary is stale, on every node. */
    @CacheEvict(cacheNames = "summaries", allEntries = true)
    public void onModelUpdate() {
    }
}
