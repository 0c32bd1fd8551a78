package io.cacheweave.samples.spring;

import io.cacheweave.annotations.Cached;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Cacheweave's own {@code @Cached} on a Spring bean, beside Spring's {@code @Cacheable} in {@link TextService}: the
 * cached method is private and called from inside the bean, which Spring's proxy can never cache. It is woven into
 * the class at build time by {@code cacheweave-maven-plugin} (this module's pom), so the application caches it with
 * no agent; the key builder comes from the processor, the TTL from the annotation.
 */
@Service
public class ReadingService {
    private final SlowModel model;

    public ReadingService(SlowModel model) {
        this.model = model;
    }

    /** How long a text takes to read, and how hard it is. */
    public record Reading(int words, int minutes, String level) {
    }

    /** @return the reading estimate of {@code text}, computed once per text */
    public Reading reading(String text) {
        return estimate(text.strip());
    }

    @Cached(operation = "reading", ttl = 3600)
    private Reading estimate(String text) {
        model.complete("reading", text);
        List<String> words = SlowModel.words(text);
        double meanLength = words.stream().mapToInt(String::length).average().orElse(0);
        return new Reading(words.size(), Math.max(1, words.size() / 200),
                meanLength > 6 ? "hard" : meanLength > 4.5 ? "medium" : "easy");
    }
}
