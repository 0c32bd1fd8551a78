package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.SUMMARY_LIST;
import static io.cacheweave.runtime.codec.CodecFixtures.summary;
import static io.cacheweave.runtime.codec.CodecFixtures.summaryOfAbout;
import static io.cacheweave.runtime.codec.CodecFixtures.typeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cacheweave.runtime.codec.CodecFixtures.Score;
import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One codec, many threads, the same declared types, starting together on a cold type cache. */
class JsonValueCodecConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 400;

    private record Case(Object value, Type type) {
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    @Timeout(120)
    void encodeDecode_manyThreads_sameResults(Compression algorithm) throws Exception {
        JsonValueCodec codec = JsonValueCodec.builder().compression(algorithm).threshold(256).build();
        List<Case> cases = List.of(
                new Case(summary(1), Summary.class),
                new Case(summaryOfAbout(8000), Summary.class),
                new Case(List.of(summary(2), summary(3)), SUMMARY_LIST),
                new Case(Map.of("a", new Score("a", 0.5)), typeOf(new TypeReference<Map<String, Score>>() { })),
                new Case(Optional.of(summaryOfAbout(2000)), typeOf(new TypeReference<Optional<Summary>>() { })),
                new Case("x".repeat(3000), String.class),
                new Case(42L, Long.class));
        // What one thread alone produces; encoding is deterministic.
        List<byte[]> expected = new ArrayList<>();
        JsonValueCodec reference = JsonValueCodec.builder().compression(algorithm).threshold(256).build();
        for (Case c : cases) {
            expected.add(reference.encode(c.value(), c.type()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        int i = (round + offset) % cases.size();
                        Case c = cases.get(i);
                        byte[] bytes = codec.encode(c.value(), c.type());
                        assertArrayEquals(expected.get(i), bytes, "case " + i);
                        assertEquals(c.value(), codec.decode(bytes, c.type()), "case " + i);
                        assertEquals(c.value(), codec.decode(expected.get(i), c.type()), "case " + i);
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(ROUNDS, result.get(100, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
