package io.cacheweave.spring;

import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

/** The reference: Spring's own in-memory cache under the same contract. */
class ConcurrentMapCacheContractTest extends SpringCacheContract {

    @Override
    Cache cache(boolean allowNullValues) {
        return new ConcurrentMapCache("reference", allowNullValues);
    }
}
