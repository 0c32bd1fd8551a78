package io.cacheweave.runtime.config;

/**
 * Applies one parsed setting to the group of {@link Settings} it belongs to. Throws
 * {@link IllegalArgumentException} (a {@link NumberFormatException} too) for a malformed value or one a group's
 * builder refuses; {@link SettingsLoader} turns that into a problem naming the setting and its source.
 */
final class SettingSetter {

    private SettingSetter() {
    }

    /**
     * @param b the settings so far
     * @param setting the setting
     * @param member the family member (operation or data type) of a family setting, else {@code null}
     * @param v the value, trimmed
     */
    static void apply(Settings.Builder b, SettingName setting, String member, String v) {
        switch (setting) {
            case ENABLED -> b.core(c -> c.enabled(parseBoolean(v)));
            case TTL_DEFAULT -> b.core(c -> c.defaultTtl(Durations.parse(v)));
            case TTL_OPERATION -> b.core(c -> c.operationTtl(member, Durations.parse(v)));
            case SINGLE_FLIGHT_MAX_WAIT -> b.core(c -> c.singleFlightMaxWait(Durations.parse(v)));
            case KEY_HASH_THRESHOLD -> b.core(c -> c.keyHashThreshold(Integer.parseInt(v)));
            case INVALIDATION_MAX_STALENESS -> b.core(c -> c.invalidationMaxStaleness(Durations.parse(v)));
            case NAMESPACE -> b.core(c -> c.namespace(v));
            case SCHEMA_VERSION -> b.core(c -> c.schemaVersion(Integer.parseInt(v)));
            case LEASE_TIMEOUT -> b.core(c -> c.leaseTimeout(Durations.parse(v)));
            case ASYNC_THREADS -> b.core(c -> c.asyncThreads(Integer.parseInt(v)));
            case KEYS_LIMIT -> b.core(c -> c.keysLimit(Integer.parseInt(v)));
            case FLUX_MAX_ELEMENTS -> b.core(c -> c.fluxMaxElements(Integer.parseInt(v)));
            case L1_MAX_ENTRIES -> b.memory(m -> m.maxEntries(Long.parseLong(v)));
            case L1_MAX_BYTES -> b.memory(m -> m.maxBytes(Long.parseLong(v)));
            case L1_TTL -> b.memory(m -> m.ttl(Durations.parse(v)));
            case L1_CLEANUP_INTERVAL -> b.memory(m -> m.cleanupInterval(Durations.parse(v)));
            case REDIS_URL -> b.redis(r -> r.url(v));
            case REDIS_CLUSTER -> b.redis(r -> r.cluster(parseBoolean(v)));
            case REDIS_TIMEOUT -> b.redis(r -> r.timeout(Durations.parse(v)));
            case REDIS_TLS_CA_CERT_FILE -> b.redis(r -> r.tlsCaCertFile(v));
            case REDIS_CONNECTIONS -> b.redis(r -> r.connections(Integer.parseInt(v)));
            case REDIS_CONNECT_TIMEOUT -> b.redis(r -> r.connectTimeout(Durations.parse(v)));
            case REDIS_RETRY_ON_TIMEOUT -> b.redis(r -> r.retryOnTimeout(parseBoolean(v)));
            case REDIS_HEALTH_CHECK_INTERVAL -> b.redis(r -> r.healthCheckInterval(Durations.parse(v)));
            case BREAKER_FAILURE_THRESHOLD -> b.breaker(k -> k.failureThreshold(Integer.parseInt(v)));
            case BREAKER_OPEN_DURATION -> b.breaker(k -> k.openDuration(Durations.parse(v)));
            case FILE_DIRECTORY -> b.file(f -> f.directory(v));
            case FILE_MAX_BYTES -> b.file(f -> f.maxBytes(Long.parseLong(v)));
            case COMPRESSION_ALGORITHM -> b.codec(c -> c.compression(v));
            case COMPRESSION_LEVEL -> b.codec(c -> c.compressionLevel(Integer.parseInt(v)));
            case COMPRESSION_THRESHOLD -> b.codec(c -> c.compressionThreshold(Integer.parseInt(v)));
            case CODEC_MAX_DECODED_BYTES -> b.codec(c -> c.maxDecodedBytes(Integer.parseInt(v)));
            case TTL_DATA_TYPE -> b.faces(f -> f.dataTypeTtl(member, Durations.parse(v)));
            case AI_TTL_OPERATION -> b.faces(f -> f.aiOperationTtl(member, Durations.parse(v)));
            case WARMUP_PARALLELISM -> b.faces(f -> f.warmupParallelism(Integer.parseInt(v)));
            case MICROMETER_ENABLED -> b.telemetry(t -> t.micrometerEnabled(parseBoolean(v)));
            case OTEL_ENABLED -> b.telemetry(t -> t.otelEnabled(parseBoolean(v)));
            case OTEL_MEMORY_HIT_SPANS -> b.telemetry(t -> t.otelMemoryHitSpans(parseBoolean(v)));
            case STATS_HTTP_ENABLED -> b.statsPage(p -> p.enabled(parseBoolean(v)));
            case STATS_HTTP_BIND -> b.statsPage(p -> p.bind(v));
            case STATS_HTTP_PORT -> b.statsPage(p -> p.port(Integer.parseInt(v)));
            case STATS_HTTP_REFRESH -> b.statsPage(p -> p.refresh(Durations.parse(v)));
            case MONITOR_ENABLED -> b.monitor(m -> m.enabled(parseBoolean(v)));
            case MONITOR_JMX -> b.monitor(m -> m.jmx(parseBoolean(v)));
            case MONITOR_INTERVAL -> b.monitor(m -> m.interval(Durations.parse(v)));
            case MONITOR_RETENTION -> b.monitor(m -> m.retention(Durations.parse(v)));
            case MONITOR_LATENCY_WINDOW -> b.monitor(m -> m.latencyWindow(Durations.parse(v)));
            case MONITOR_TOP_KEYS -> b.monitor(m -> m.topKeys(Integer.parseInt(v)));
            case SIZE_TIER_MEDIUM -> b.monitor(m -> m.mediumBytes(Integer.parseInt(v)));
            case SIZE_TIER_LARGE -> b.monitor(m -> m.largeBytes(Integer.parseInt(v)));
            case SIZE_TIER_XLARGE -> b.monitor(m -> m.xlargeBytes(Integer.parseInt(v)));
            case MONITOR_MEMORY_WARNING -> b.monitor(m -> m.memoryWarningBytes(Long.parseLong(v)));
            case MONITOR_MEMORY_CRITICAL -> b.monitor(m -> m.memoryCriticalBytes(Long.parseLong(v)));
            case MONITOR_SLOW_LOAD -> b.monitor(m -> m.slowLoad(Durations.parse(v)));
            case MONITOR_INVALIDATIONS_PER_MINUTE -> b.monitor(m -> m.invalidationsPerMinute(Long.parseLong(v)));
        }
    }

    static boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        } else if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + v);
    }
}
