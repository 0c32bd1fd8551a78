package io.cacheweave.benchmarks;

import io.cacheweave.runtime.bench.LlmAnswer;
import java.util.concurrent.atomic.LongAdder;

/** What every peer's method body computes, and how often a body ran (a measured call must never run one). */
public final class Workload {
    /** Characters of {@link #text16KiB}. */
    public static final int TEXT_LENGTH = 16 * 1024;
    /** Prose that does not repeat much (the paragraphs of {@link LlmAnswer#sample()}), so it compresses as real text. */
    private static final String PROSE = prose();

    private final LongAdder runs = new LongAdder();

    /** Counts one run of a body; every body of every peer calls it. */
    public void ran() {
        runs.increment();
    }

    /** @return how often a body ran */
    public long runs() {
        return runs.sum();
    }

    /** @return the value of the memory-hit methods */
    public static String text(String key) {
        return "value-of-" + key;
    }

    /** @return the 16,384-character text the 16 KiB methods return for {@code documentId} */
    public static String text16KiB(String documentId) {
        String header = "[" + documentId + "] ";
        return header + PROSE.substring(0, TEXT_LENGTH - header.length());
    }

    private static String prose() {
        LlmAnswer answer = LlmAnswer.sample();
        StringBuilder text = new StringBuilder(String.join("\n\n", answer.paragraphs()));
        while (text.length() < TEXT_LENGTH) {
            text.append("\n\n").append(String.join("\n\n", answer.paragraphs()));
        }
        return text.toString();
    }

    /**
     * Fails unless no body ran since {@code runsAfterSetUp}: the measured calls were all hits.
     *
     * @param what the peer, for the message
     */
    public void requireNoRunSince(long runsAfterSetUp, String what) {
        long now = runs();
        if (now != runsAfterSetUp) {
            throw new IllegalStateException(what + ": a measured call ran the body (body runs went from "
                    + runsAfterSetUp + " to " + now + "), so it measured a miss, not a hit");
        }
    }
}
