package io.cacheweave.runtime.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.Compression;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.ValueCodec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file tier in the place the runtime puts a shared tier: behind a GuardedTier, holding codec output. */
class FileTierCodecTest {

    /** A cached result. */
    public record Summary(String text, int words) {
    }

    /** {@code List<Summary>}, as the declared return type of a cached method. */
    private static final Type LIST_OF_SUMMARY = new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {Summary.class};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    };

    @TempDir
    Path dir;

    @Test
    void encodedCompressedValue_survivesRestart_behindGuardedTier() {
        ValueCodec codec = JsonValueCodec.builder().compression(Compression.DEFLATE, 6).threshold(64).build();
        List<Summary> value = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            value.add(new Summary("summary number " + i + " of a long text", i * 10));
        }
        String key = "cacheweave:v1:summarize:hello\\: world:(language=en,maxWords=3)";
        CircuitBreaker breaker = CircuitBreaker.builder().name("file").build();
        try (GuardedTier tier = new GuardedTier(FileTier.open(dir, 1 << 20), breaker)) {
            tier.put(key, codec.encode(value, LIST_OF_SUMMARY), Duration.ofHours(2));
        }
        try (GuardedTier tier = new GuardedTier(FileTier.open(dir, 1 << 20), breaker)) {
            SharedTier.StoredValue stored = tier.get(key);
            assertEquals(value, codec.decode(stored.bytes(), LIST_OF_SUMMARY));
            assertTrue(stored.remainingMillis() > Duration.ofHours(2).toMillis() - 60_000);
            assertEquals(1, tier.deleteMatching("cacheweave:v1:summarize:*"));
            assertNull(tier.get(key));
            assertEquals(0, tier.errors());
        }
    }

    @Test
    void closedTier_behindGuardedTier_isAMissNotAnException() {
        FileTier file = FileTier.open(dir, 1 << 20);
        GuardedTier tier = new GuardedTier(file, CircuitBreaker.builder().failureThreshold(100).build());
        file.close();
        assertNull(tier.get("k"));
        tier.put("k", new byte[] {1}, Duration.ofMinutes(1));
        assertEquals(0, tier.delete(List.of("k")));
        assertEquals(3, tier.errors());
        tier.close();
    }
}
