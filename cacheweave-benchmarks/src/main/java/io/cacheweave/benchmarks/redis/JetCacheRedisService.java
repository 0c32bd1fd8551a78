package io.cacheweave.benchmarks.redis;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.redis.lettuce.RedisLettuceCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import io.cacheweave.benchmarks.Profile;
import io.cacheweave.benchmarks.Workload;
import io.lettuce.core.RedisClient;
import java.util.concurrent.TimeUnit;

/**
 * JetCache: a remote {@code RedisLettuceCache} (its defaults: Java serialization, fastjson2 key convertor), read
 * through {@code computeIfAbsent} with the argument array as the key, as its {@code @Cached} does.
 */
public class JetCacheRedisService {
    private final Workload work;
    private final Cache<Object, Profile> profiles;
    private final Cache<Object, String> texts;

    public JetCacheRedisService(Workload work, RedisClient client) {
        this.work = work;
        this.profiles = cache(client, "jetcache-profile:");
        this.texts = cache(client, "jetcache-text:");
    }

    public Profile profile(String userId) {
        return profiles.computeIfAbsent(new Object[] {userId}, k -> {
            work.ran();
            return Profile.of(userId);
        });
    }

    public String text(String documentId) {
        return texts.computeIfAbsent(new Object[] {documentId}, k -> {
            work.ran();
            return Workload.text16KiB(documentId);
        });
    }

    private static <V> Cache<Object, V> cache(RedisClient client, String prefix) {
        return RedisLettuceCacheBuilder.createRedisLettuceCacheBuilder().redisClient(client).keyPrefix(prefix)
                .keyConvertor(Fastjson2KeyConvertor.INSTANCE).valueEncoder(JavaValueEncoder.INSTANCE)
                .valueDecoder(JavaValueDecoder.INSTANCE).expireAfterWrite(1, TimeUnit.HOURS).buildCache();
    }
}
