package io.cacheweave.samples.text;

import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A text-processing service over a slow model. Each operation is cached by Cacheweave: with the agent attached, a
 * repeated call with equal arguments returns the stored result without calling the model.
 */
public class TextService {
    private static final Set<String> POSITIVE = Set.of("good", "great", "excellent", "love", "fast", "happy");
    private static final Set<String> NEGATIVE = Set.of("bad", "poor", "slow", "hate", "broken", "sad");

    private final SlowModel model;

    /** @param model the model every operation calls */
    public TextService(SlowModel model) {
        this.model = model;
    }

    /** A summary of a text. */
    public record Summary(String text, int sourceWords) {
    }

    /** Options of a summary. */
    public record Options(String language, int maxWords) {
    }

    /** A sentiment score in [-1, 1] with a label. */
    public record Sentiment(String label, double score) {
    }

    @Cached(operation = "summarize", ttl = 7200)
    public Summary summarize(String text, Options options) {
        model.complete("summarize", text);
        List<String> words = SlowModel.words(text);
        String summary = String.join(" ", words.subList(0, Math.min(options.maxWords(), words.size())));
        return new Summary("[" + options.language() + "] " + summary, words.size());
    }

    @Cached(operation = "sentiment", ttl = 86_400)
    public Sentiment sentiment(String text) {
        model.complete("sentiment", text);
        List<String> words = SlowModel.words(text);
        long pos = words.stream().filter(POSITIVE::contains).count();
        long neg = words.stream().filter(NEGATIVE::contains).count();
        double score = pos + neg == 0 ? 0.0 : (double) (pos - neg) / (pos + neg);
        return new Sentiment(score > 0.2 ? "positive" : score < -0.2 ? "negative" : "neutral", score);
    }

    @Cached(operation = "key_points")
    public List<String> keyPoints(String text, int count) {
        model.complete("key_points", text);
        Map<String, Long> frequency = SlowModel.words(text).stream().filter(w -> w.length() > 3)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return frequency.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
    }

    @Cached(operation = "questions")
    public List<String> questions(String text) {
        model.complete("questions", text);
        return SlowModel.words(text).stream().filter(w -> w.length() > 5).distinct()
                .sorted(Comparator.naturalOrder()).limit(3).map(w -> "What does the text say about " + w + "?")
                .toList();
    }

    @Cached(operation = "qa", ttl = 1800)
    public String answer(String text, String question) {
        model.complete("qa", text + question);
        List<String> asked = SlowModel.words(question);
        return SlowModel.words(text).stream().filter(asked::contains).findFirst()
                .map(w -> "The text mentions \"" + w + "\".").orElse("The text does not say.");
    }

    /** Called when the model is replaced: every stored summary is stale. */
    @Invalidate(operation = "summarize")
    public void onModelUpdate() {
    }
}
