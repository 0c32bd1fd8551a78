package com.acme.profile;

import io.cacheweave.annotations.CacheKey;
import io.cacheweave.annotations.Cached;
import io.cacheweave.annotations.Invalidate;
import java.util.List;
import java.util.Objects;

/** Generic records, beans with equals, interfaces, deep nesting, varargs and generic methods. */
public class ProfileRepository {
    public record Page<T>(List<T> items, int number) {
    }

    /** A bean with equals: read by a public field and a getter. */
    public static class Query {
        public final String region;
        private final int limit;

        public Query(String region, int limit) {
            this.region = region;
            this.limit = limit;
        }

        public int getLimit() {
            return limit;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Query q && q.region.equals(region) && q.limit == limit;
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, limit);
        }
    }

    public interface Directory {
        @Cached(operation = "directory")
        default String name(@CacheKey long id, Object context) {
            return "";
        }
    }

    public static class Outer {
        public static class Mid {
            @Cached(operation = "deep")
            String deep(String... names) {
                return "";
            }
        }
    }

    @Cached(operation = "userProfile", ttl = 60)
    public Page<String> profile(@CacheKey long userId, Query query) {
        return new Page<>(List.of(), 0);
    }

    @Cached(operation = "generic")
    public <T extends CharSequence> String generic(T text) {
        return text.toString();
    }

    @Cached(operation = "byRegion", key = "{query.region}/{query.limit}")
    List<Page<String>> byRegion(Query query) {
        return List.of();
    }

    @Cached(operation = "pageSize", key = "{page.number}:{page.items}")
    int pageSize(Page<String> page) {
        return page.items().size();
    }

    @Cached(operation = "query")
    String query(Query query) {
        return "";
    }

    @Invalidate(pattern = "userProfile:{userId}")
    void forget(long userId) {
    }

    @Invalidate(operation = "summarize")
    void clearSummaries() {
    }
}
