package io.cacheweave.llm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The benchmarks' own checks in the normal build, without JMH: each set-up, one call of every benchmark method and the
 * tear-down, at the smallest size. (Numbers come only from JMH on a quiet machine: {@code -Pllm-bench}.)
 */
class LlmBenchmarksSmokeTest {

    @Test
    void chatCacheBenchmark_exactHitIsAHit_uncachedReachesTheModel() {
        ChatCacheBenchmark b = new ChatCacheBenchmark();
        b.setUp();
        String uncached = b.uncached().aiMessage().text();
        String hit = b.exactHit().aiMessage().text();
        assertEquals("answer #1 to: What is the difference between a process and a thread in an operating system?",
                hit, "the answer stored in set-up");
        assertEquals("answer #2 to: What is the difference between a process and a thread in an operating system?",
                uncached);
        b.tearDown(); // fails if a cached call reached the model
    }

    @Test
    void springAiChatCacheBenchmark_exactHitIsAHit_uncachedReachesTheModel() {
        SpringAiChatCacheBenchmark b = new SpringAiChatCacheBenchmark();
        b.setUp();
        assertEquals("A process owns memory; threads share it.", b.exactHit().getResult().getOutput().getText());
        assertEquals("A process owns memory; threads share it.", b.uncached().getResult().getOutput().getText());
        b.tearDown(); // fails if a cached call reached the model
    }

    @Test
    void semanticLookupBenchmark_everyQueryFindsItsNeighbour_atTenThousand() {
        SemanticLookupBenchmark b = new SemanticLookupBenchmark();
        b.size = 10_000;
        b.setUp(); // fails unless every query finds its planted neighbour
        for (int i = 0; i < 64; i++) {
            assertEquals("id" + i, b.lookup());
        }
    }
}
