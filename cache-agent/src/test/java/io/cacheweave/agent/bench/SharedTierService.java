package io.cacheweave.agent.bench;

import io.cacheweave.annotations.Cached;
import io.cacheweave.runtime.bench.LlmAnswer;

/** The woven methods of {@link SharedTierBenchmark}: one with a small record result, one with 16 KiB of text. */
public class SharedTierService {
    /** 16,384 characters of ordinary English prose, minus room for the per-key header. */
    private static final String PROSE = prose();

    private long runs;

    @Cached(operation = "bench-l2-profile", ttl = 3600)
    public UserProfile profile(String userId) {
        runs++;
        return UserProfile.of(userId);
    }

    @Cached(operation = "bench-l2-text", ttl = 3600)
    public String text(String documentId) {
        runs++;
        return text16KiB(documentId);
    }

    /** @return the 16 KiB text {@link #text} returns for {@code documentId} (16,384 characters, all ASCII) */
    public static String text16KiB(String documentId) {
        String header = "[" + documentId + "] ";
        return header + PROSE.substring(0, TEXT_LENGTH - header.length());
    }

    /** Characters of {@link #text16KiB}. */
    public static final int TEXT_LENGTH = 16 * 1024;

    /** @return how often a body ran */
    public long runs() {
        return runs;
    }

    /**
     * The paragraphs of {@link LlmAnswer#sample()} (15,301 characters), then its follow-up questions, then as much of
     * its first paragraphs again as makes 16 KiB: mostly text that does not repeat, so zstd compresses it as it
     * would a real answer.
     */
    private static String prose() {
        LlmAnswer answer = LlmAnswer.sample();
        StringBuilder text = new StringBuilder(String.join("\n\n", answer.paragraphs()));
        for (String question : answer.followUps()) {
            text.append("\n\n").append(question);
        }
        while (text.length() < TEXT_LENGTH) {
            text.append("\n\n").append(String.join("\n\n", answer.paragraphs()));
        }
        return text.toString();
    }
}
