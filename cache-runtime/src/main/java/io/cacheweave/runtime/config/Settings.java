package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting of a Cacheweave runtime, immutable. {@link #load()} fills it from, in order (later wins): built-in
 * defaults, {@code cacheweave.properties} on the class path, environment variables ({@code CACHEWEAVE_*}), system
 * properties ({@code -Dcacheweave.*}) and agent arguments. {@link #builder()} makes one in code.
 *
 * <p>Each setting has one name, listed in {@link SettingName} and the README.
 */
public final class Settings {

    /**
     * The system property in which the agent keeps its arguments ({@code name=value,name=value}) verbatim, for
     * {@link #load()}. Not a setting.
     */
    public static final String AGENT_ARGUMENTS_PROPERTY = "cacheweave.agent.arguments";

    /** Default of {@code cacheweave.enabled}. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Default of {@code cacheweave.ttl.default}. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Default of {@code cacheweave.l1.max-entries}. */
    public static final long DEFAULT_L1_MAX_ENTRIES = 10_000;
    /**
     * Default of {@code cacheweave.l1.max-bytes}: a sixteenth of the maximum heap (at least 1 MiB; 256 MiB when the
     * heap has no maximum).
     */
    public static final long DEFAULT_L1_MAX_BYTES = Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? 256L << 20
            : Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 16);
    /** Default of {@code cacheweave.single-flight.max-wait}. */
    public static final Duration DEFAULT_SINGLE_FLIGHT_MAX_WAIT = Duration.ofSeconds(60);
    /** Default of {@code cacheweave.key.hash-threshold}. */
    public static final int DEFAULT_KEY_HASH_THRESHOLD = 1000;

    // Defaults of components (Redis tier, breaker, codec, file tier) are declared once, by the component, and
    // named here under their setting.

    /** Default of {@code cacheweave.redis.timeout}. */
    public static final Duration DEFAULT_REDIS_TIMEOUT = io.cacheweave.runtime.tier.RedisTierConfig.DEFAULT_TIMEOUT;
    /** Default of {@code cacheweave.invalidation.max-staleness}. */
    public static final Duration DEFAULT_INVALIDATION_MAX_STALENESS =
            io.cacheweave.runtime.tier.RedisInvalidationBus.DEFAULT_MAX_STALENESS;
    /** Default of {@code cacheweave.namespace}. */
    public static final String DEFAULT_NAMESPACE = "cacheweave";
    /** Default of {@code cacheweave.schema-version}. */
    public static final int DEFAULT_SCHEMA_VERSION = 1;
    /** Default of {@code cacheweave.breaker.failure-threshold}. */
    public static final int DEFAULT_BREAKER_FAILURE_THRESHOLD =
            io.cacheweave.runtime.tier.CircuitBreaker.DEFAULT_FAILURE_THRESHOLD;
    /** Default of {@code cacheweave.breaker.open-duration}. */
    public static final Duration DEFAULT_BREAKER_OPEN_DURATION =
            io.cacheweave.runtime.tier.CircuitBreaker.DEFAULT_OPEN_DURATION;

    /** Default of {@code cacheweave.compression.algorithm}: the best ratio for its speed measured here (README). */
    public static final String DEFAULT_COMPRESSION =
            io.cacheweave.runtime.codec.JsonValueCodec.DEFAULT_ALGORITHM.toString();
    /** Default of {@code cacheweave.compression.threshold}, bytes. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD =
            io.cacheweave.runtime.codec.JsonValueCodec.DEFAULT_THRESHOLD;

    /** Default of {@code cacheweave.file.max-bytes}: 1 GiB. */
    public static final long DEFAULT_FILE_MAX_BYTES = io.cacheweave.runtime.tier.FileTierConfig.DEFAULT_MAX_BYTES;
    /** Default of {@code cacheweave.lease.timeout}. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);
    /** Default of {@link #asyncThreads()}. */
    public static final int DEFAULT_ASYNC_THREADS = 4;
    /** Default of {@link #codecMaxDecodedBytes()}: 16 MiB. */
    public static final int DEFAULT_CODEC_MAX_DECODED_BYTES = 16 << 20;
    /** Default of {@link #keysLimit()}. */
    public static final int DEFAULT_KEYS_LIMIT = 10_000;
    /** Default of {@link #fluxMaxElements()}. */
    public static final int DEFAULT_FLUX_MAX_ELEMENTS = 10_000;

    /**
     * Built-in defaults of {@code cacheweave.ttl.type.<data-type>}, after the TTL strategy of the system the
     * hierarchical key face replaces: {@code system-config} 5 min, {@code rate-limit} 1 min,
     * {@code prompt-analysis} 1 h, {@code ml-predictions} 2 h, {@code user-preferences} 24 h. Other data types
     * live {@code cacheweave.ttl.default}.
     */
    public static final Map<String, Duration> DEFAULT_DATA_TYPE_TTLS = Map.of(
            "system-config", Duration.ofMinutes(5),
            "rate-limit", Duration.ofMinutes(1),
            "prompt-analysis", Duration.ofHours(1),
            "ml-predictions", Duration.ofHours(2),
            "user-preferences", Duration.ofHours(24));
    /**
     * Built-in defaults of {@code cacheweave.ai.ttl.<operation>}, after the AI response cache the face replaces:
     * {@code summarize} 2 h, {@code sentiment} 24 h, {@code key_points} 2 h, {@code questions} 1 h, {@code qa}
     * 30 min. Other operations live {@code cacheweave.ttl.default}.
     */
    public static final Map<String, Duration> DEFAULT_AI_OPERATION_TTLS = Map.of(
            "summarize", Duration.ofHours(2),
            "sentiment", Duration.ofHours(24),
            "key_points", Duration.ofHours(2),
            "questions", Duration.ofHours(1),
            "qa", Duration.ofMinutes(30));
    /** Default of {@code cacheweave.warmup.parallelism}. */
    public static final int DEFAULT_WARMUP_PARALLELISM = 4;

    /** Default of {@code cacheweave.stats.http.bind}: loopback only. */
    public static final String DEFAULT_STATS_HTTP_BIND = "127.0.0.1";
    /** Default of {@code cacheweave.stats.http.port}. */
    public static final int DEFAULT_STATS_HTTP_PORT = 7979;
    /** Default of {@code cacheweave.stats.http.refresh}. */
    public static final Duration DEFAULT_STATS_HTTP_REFRESH = Duration.ofSeconds(2);

    private static final Settings DEFAULTS = builder().build();

    /** An unshared copy of the builder that made these settings: getters read it, {@link #toBuilder()} copies it. */
    private final Builder v;

    private Settings(Builder b) {
        this.v = new Builder(b);
    }

    /** @return the built-in defaults */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /**
     * Reads every source, in order. Never throws for bad input: each unknown setting or malformed value is described
     * in {@link #problems()} and leaves the earlier value in place.
     *
     * @return the settings of this process
     */
    public static Settings load() {
        return SettingsLoader.load();
    }

    /**
     * Reads the settings of an embedder that resolves configuration itself (a framework's environment, with its own
     * order of sources): the defaults, then every {@code cacheweave.properties} on the class path of
     * {@code resources}, then {@code values} in order, later wins. Environment variables, system properties and agent
     * arguments are not read here; the embedder's values stand for them. Never throws for bad input: each unknown
     * name or malformed value is described in {@link #problems()}, naming its source, and leaves the earlier value.
     *
     * @param resources where to look for {@code cacheweave.properties}; {@code null} for nowhere
     * @param values named values by property name ({@code cacheweave.ttl.default}, {@code cacheweave.ttl.<operation>})
     * @return the settings
     */
    public static Settings load(ClassLoader resources, List<SettingValue> values) {
        return SettingsLoader.load(resources, values);
    }

    /**
     * Checks agent arguments without applying them, for the agent to report mistakes at start-up.
     *
     * @param arguments the agent arguments, {@code name=value,name=value} with full setting names, such as
     *     {@code cacheweave.ttl.default=30m,cacheweave.ttl.summarize=2h}; {@code null} or blank for none
     * @return one message per unknown name, malformed value or argument without {@code =}; empty when all is well
     */
    public static List<String> checkAgentArguments(String arguments) {
        return SettingsLoader.checkAgentArguments(arguments);
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder(v);
    }

    /** @return {@code cacheweave.enabled}: whether woven methods use the cache at all */
    public boolean enabled() {
        return v.enabled;
    }

    /** @return {@code cacheweave.ttl.default}: TTL of operations with no TTL of their own */
    public Duration defaultTtl() {
        return v.defaultTtl;
    }

    /**
     * @param operation an operation name
     * @return {@code cacheweave.ttl.<operation>}, if configured
     */
    public Optional<Duration> operationTtl(String operation) {
        return Optional.ofNullable(v.operationTtls.get(operation));
    }

    /** @return every configured per-operation TTL, by operation */
    public Map<String, Duration> operationTtls() {
        return Collections.unmodifiableMap(v.operationTtls);
    }

    /** @return {@code cacheweave.l1.max-entries}: entries the memory tier keeps per cached method */
    public long l1MaxEntries() {
        return v.l1MaxEntries;
    }

    /**
     * @return {@code cacheweave.l1.max-bytes}: estimated bytes (keys and values) the memory tier keeps per cached
     *     method or programmatic cache
     */
    public long l1MaxBytes() {
        return v.l1MaxBytes;
    }

    /**
     * @return {@code cacheweave.single-flight.max-wait}: how long a caller waits for another caller's load of the
     *     same key before running the method itself
     */
    public Duration singleFlightMaxWait() {
        return v.singleFlightMaxWait;
    }

    /** @return {@code cacheweave.key.hash-threshold}: text key parts longer than this are hashed */
    public int keyHashThreshold() {
        return v.keyHashThreshold;
    }

    /** @return what was wrong with the configuration sources, one message per problem; empty when all was well */
    public List<String> problems() {
        return Collections.unmodifiableList(v.problems);
    }

    /** @return {@code cacheweave.l1.ttl}: an upper bound on memory-tier lifetime, if configured */
    public Optional<Duration> l1Ttl() {
        return Optional.ofNullable(v.l1Ttl);
    }

    /**
     * @return {@code cacheweave.l1.cleanup-interval}, if configured: how often every memory tier drops the entries
     *     it holds past their expiry
     */
    public Optional<Duration> l1CleanupInterval() {
        return Optional.ofNullable(v.l1CleanupInterval);
    }

    /** @return {@code cacheweave.redis.url} (or {@code REDIS_URL}), if configured: the shared tier's Redis */
    public Optional<String> redisUrl() {
        return Optional.ofNullable(v.redisUrl);
    }

    /** @return {@code cacheweave.file.directory}, if configured: the file tier's directory */
    public Optional<String> fileDirectory() {
        return Optional.ofNullable(v.fileDirectory);
    }

    /** @return {@code cacheweave.file.max-bytes}: the file tier's bound on bytes on disk */
    public long fileMaxBytes() {
        return v.fileMaxBytes;
    }

    /** @return {@code cacheweave.redis.cluster}: whether the URL lists Redis Cluster seed nodes */
    public boolean redisCluster() {
        return v.redisCluster;
    }

    /** @return {@code cacheweave.redis.timeout}: the time one Redis command may take */
    public Duration redisTimeout() {
        return v.redisTimeout;
    }

    /**
     * @return how Redis connections are made and kept: {@code cacheweave.redis.connections},
     *     {@code .connect-timeout}, {@code .retry-on-timeout}, {@code .health-check-interval}
     */
    public RedisConnectionSettings redisConnection() {
        return v.redisConnection;
    }

    /**
     * @return settings that were read but mean nothing here, one message each naming the Cacheweave setting to use
     *     instead (such as {@code REDIS_MAX_CONNECTIONS}, a pool size, for a client that multiplexes one
     *     connection); logged at WARN at start-up, never fatal
     */
    public List<String> notices() {
        return Collections.unmodifiableList(v.notices);
    }

    /**
     * @param prefix a prefix of {@link SettingName#MODULE_PREFIXES}, such as {@code cacheweave.llm.model-ttl.}
     * @return the values read for names under it, by name, as written and with their sources (the last source
     *     wins), for the module that owns the family to check and use; empty when none was set
     */
    public java.util.SortedMap<String, SettingValue> raw(String prefix) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(v.raw.subMap(prefix, prefix + Character.MAX_VALUE)));
    }

    /** @return {@code cacheweave.redis.tls.ca-cert-file}: a PEM file of certificates trusted for {@code rediss://} */
    public Optional<String> redisTlsCaCertFile() {
        return Optional.ofNullable(v.redisTlsCaCertFile);
    }

    /**
     * @return {@code cacheweave.invalidation.max-staleness}: with a Redis invalidation bus, how long after the bus
     *     last proved it is delivering the memory tier may still be served
     */
    public Duration invalidationMaxStaleness() {
        return v.invalidationMaxStaleness;
    }

    /** @return {@code cacheweave.namespace}: the first part of every physical key */
    public String namespace() {
        return v.namespace;
    }

    /** @return {@code cacheweave.schema-version}: the second part of every physical key, after {@code v} */
    public int schemaVersion() {
        return v.schemaVersion;
    }

    /** @return {@code cacheweave.breaker.failure-threshold}: consecutive failures that open the breaker */
    public int breakerFailureThreshold() {
        return v.breakerFailureThreshold;
    }

    /** @return {@code cacheweave.lease.timeout}: lifetime of an unrenewed distributed lease, and the wait for it */
    public Duration leaseTimeout() {
        return v.leaseTimeout;
    }

    /** @return {@code cacheweave.compression.algorithm}: {@code zstd}, {@code deflate}, {@code lz4} or {@code none} */
    public String compression() {
        return v.compression;
    }

    /** @return {@code cacheweave.compression.level}, if configured; else the algorithm's default applies */
    public java.util.OptionalInt compressionLevel() {
        return v.compressionLevel == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(v.compressionLevel);
    }

    /** @return {@code cacheweave.compression.threshold}: encoded values longer than this many bytes are compressed */
    public int compressionThreshold() {
        return v.compressionThreshold;
    }

    /**
     * @return {@code cacheweave.codec.max-decoded-bytes}: the most bytes one stored value may decompress to (its
     *     JSON); a larger one is a miss, found out while decompressing, and a larger result is not stored
     */
    public int codecMaxDecodedBytes() {
        return v.codecMaxDecodedBytes;
    }

    /**
     * @return {@code cacheweave.async.threads}: the threads of the bounded executor that runs the shared-tier work
     *     of programmatic caches' asynchronous faces
     */
    public int asyncThreads() {
        return v.asyncThreads;
    }

    /** @return {@code cacheweave.keys.limit}: the most keys one {@code Cache.keys(prefix)} call returns */
    public int keysLimit() {
        return v.keysLimit;
    }

    /**
     * @return {@code cacheweave.flux.max-elements}: the most elements of a {@code Flux} result that a
     *     {@code @Cached} method stores; a longer sequence is not stored (counted as {@code resultsTooLarge})
     */
    public int fluxMaxElements() {
        return v.fluxMaxElements;
    }

    /** @return the monitor's settings, {@code cacheweave.monitor.*} */
    public MonitorSettings monitor() {
        return v.monitor;
    }

    /** @return {@code cacheweave.breaker.open-duration}: how long an open breaker waits before a probe */
    public Duration breakerOpenDuration() {
        return v.breakerOpenDuration;
    }

    /**
     * @param dataType a data type, compared lower-cased with {@code _} read as {@code -}
     * @return {@code cacheweave.ttl.type.<data-type>}, configured or built in; empty for other data types
     */
    public Optional<Duration> dataTypeTtl(String dataType) {
        return Optional.ofNullable(v.dataTypeTtls.get(dataTypeName(dataType)));
    }

    /** @return every data-type TTL, built in or configured, by normalized data type */
    public Map<String, Duration> dataTypeTtls() {
        return Collections.unmodifiableMap(v.dataTypeTtls);
    }

    /**
     * @param operation an operation of the AI response face
     * @return {@code cacheweave.ai.ttl.<operation>}, configured or built in; empty for other operations
     */
    public Optional<Duration> aiOperationTtl(String operation) {
        return Optional.ofNullable(v.aiOperationTtls.get(operation));
    }

    /** @return every AI-face operation TTL, built in or configured, by operation */
    public Map<String, Duration> aiOperationTtls() {
        return Collections.unmodifiableMap(v.aiOperationTtls);
    }

    /** @return {@code cacheweave.warmup.parallelism}: keys a warm-up loads at the same time, at most */
    public int warmupParallelism() {
        return v.warmupParallelism;
    }

    /**
     * @param dataType a data type name as written in a setting or a call
     * @return it stripped, lower-cased, with {@code _} turned into {@code -}: the form data types are compared in
     */
    public static String dataTypeName(String dataType) {
        Objects.requireNonNull(dataType, "data type must not be null");
        String name = dataType.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (name.isEmpty()) {
            throw new IllegalArgumentException("data type must not be empty: \"" + dataType + "\"");
        }
        return name;
    }

    /** @return {@code cacheweave.micrometer.enabled}: bind to Micrometer's global registry when it is present */
    public boolean micrometerEnabled() {
        return v.micrometerEnabled;
    }

    /** @return {@code cacheweave.otel.enabled}: report through {@code GlobalOpenTelemetry} when it is present */
    public boolean otelEnabled() {
        return v.otelEnabled;
    }

    /**
     * @return {@code cacheweave.otel.memory-hit-spans}: whether every memory-tier hit is reported to the monitor's
     *     observers (a span each through the OpenTelemetry bridge)
     */
    public boolean otelMemoryHitSpans() {
        return v.otelMemoryHitSpans;
    }

    /** @return {@code cacheweave.stats.http.enabled}: whether the stats page is served */
    public boolean statsHttpEnabled() {
        return v.statsHttpEnabled;
    }

    /** @return {@code cacheweave.stats.http.bind}: the address the stats page listens on */
    public String statsHttpBind() {
        return v.statsHttpBind;
    }

    /** @return {@code cacheweave.stats.http.port}: the stats page's port, {@code 0} for any free port */
    public int statsHttpPort() {
        return v.statsHttpPort;
    }

    /** @return {@code cacheweave.stats.http.refresh}: how often the open page fetches a new snapshot */
    public Duration statsHttpRefresh() {
        return v.statsHttpRefresh;
    }

    @Override
    public String toString() {
        return "Settings{enabled=" + v.enabled + ", ttl.default=" + v.defaultTtl + ", ttl=" + v.operationTtls
                + ", l1.max-entries=" + v.l1MaxEntries + ", l1.max-bytes=" + v.l1MaxBytes + ", l1.ttl=" + v.l1Ttl
                + ", l1.cleanup-interval=" + v.l1CleanupInterval
                + ", single-flight.max-wait=" + v.singleFlightMaxWait + ", key.hash-threshold=" + v.keyHashThreshold
                + ", redis.url="
                + (v.redisUrl == null ? null : redact(v.redisUrl)) + ", redis.cluster=" + v.redisCluster
                + ", redis.timeout=" + v.redisTimeout + ", redis.connection=" + v.redisConnection
                + ", redis.tls.ca-cert-file=" + v.redisTlsCaCertFile
                + ", invalidation.max-staleness=" + v.invalidationMaxStaleness
                + ", namespace=" + v.namespace + ", schema-version="
                + v.schemaVersion + ", breaker.failure-threshold=" + v.breakerFailureThreshold
                + ", breaker.open-duration=" + v.breakerOpenDuration + ", lease.timeout=" + v.leaseTimeout
                + ", file.directory=" + v.fileDirectory + ", file.max-bytes=" + v.fileMaxBytes
                + ", compression=" + v.compression
                + (v.compressionLevel == 0 ? "" : "/" + v.compressionLevel) + ", compression.threshold="
                + v.compressionThreshold + ", codec.max-decoded-bytes=" + v.codecMaxDecodedBytes
                + ", async.threads=" + v.asyncThreads + ", keys.limit=" + v.keysLimit
                + ", flux.max-elements=" + v.fluxMaxElements
                + ", ttl.type=" + v.dataTypeTtls + ", ai.ttl=" + v.aiOperationTtls
                + ", warmup.parallelism=" + v.warmupParallelism
                + ", micrometer.enabled=" + v.micrometerEnabled + ", otel.enabled="
                + v.otelEnabled + ", otel.memory-hit-spans=" + v.otelMemoryHitSpans
                + ", stats.http=" + (v.statsHttpEnabled ? v.statsHttpBind + ":" + v.statsHttpPort
                        + " every " + v.statsHttpRefresh : "off")
                + ", monitor=" + v.monitor + (v.raw.isEmpty() ? "" : ", raw=" + v.raw.keySet()) + "}";
    }

    /** @return the URL with any password replaced by {@code ***}, for logs */
    static String redact(String url) {
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:@/]+)@", "$1***@");
    }

    /** Builds {@link Settings}; starts from the defaults. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private Duration defaultTtl = DEFAULT_TTL;
        private final Map<String, Duration> operationTtls = new TreeMap<>();
        private long l1MaxEntries = DEFAULT_L1_MAX_ENTRIES;
        private long l1MaxBytes = DEFAULT_L1_MAX_BYTES;
        private Duration singleFlightMaxWait = DEFAULT_SINGLE_FLIGHT_MAX_WAIT;
        private int keyHashThreshold = DEFAULT_KEY_HASH_THRESHOLD;
        private final List<String> problems = new ArrayList<>();
        private final List<String> notices = new ArrayList<>();
        private RedisConnectionSettings redisConnection = RedisConnectionSettings.DEFAULTS;
        private Duration l1Ttl;
        private Duration l1CleanupInterval;
        private String redisUrl;
        private boolean redisCluster;
        private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
        private String redisTlsCaCertFile;
        private Duration invalidationMaxStaleness = DEFAULT_INVALIDATION_MAX_STALENESS;
        private String namespace = DEFAULT_NAMESPACE;
        private int schemaVersion = DEFAULT_SCHEMA_VERSION;
        private int breakerFailureThreshold = DEFAULT_BREAKER_FAILURE_THRESHOLD;
        private Duration breakerOpenDuration = DEFAULT_BREAKER_OPEN_DURATION;
        private Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;
        private String fileDirectory;
        private long fileMaxBytes = DEFAULT_FILE_MAX_BYTES;
        private String compression = DEFAULT_COMPRESSION;
        private int compressionLevel;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private int codecMaxDecodedBytes = DEFAULT_CODEC_MAX_DECODED_BYTES;
        private int asyncThreads = DEFAULT_ASYNC_THREADS;
        private int keysLimit = DEFAULT_KEYS_LIMIT;
        private int fluxMaxElements = DEFAULT_FLUX_MAX_ELEMENTS;
        private final Map<String, Duration> dataTypeTtls = new TreeMap<>(DEFAULT_DATA_TYPE_TTLS);
        private final Map<String, Duration> aiOperationTtls = new TreeMap<>(DEFAULT_AI_OPERATION_TTLS);
        private int warmupParallelism = DEFAULT_WARMUP_PARALLELISM;
        private boolean micrometerEnabled = true;
        private boolean otelEnabled = true;
        private boolean otelMemoryHitSpans;
        private boolean statsHttpEnabled;
        private String statsHttpBind = DEFAULT_STATS_HTTP_BIND;
        private int statsHttpPort = DEFAULT_STATS_HTTP_PORT;
        private Duration statsHttpRefresh = DEFAULT_STATS_HTTP_REFRESH;
        private MonitorSettings monitor = MonitorSettings.DEFAULTS;
        private final TreeMap<String, SettingValue> raw = new TreeMap<>();

        private Builder() {
        }

        private Builder(Builder b) {
            enabled = b.enabled;
            defaultTtl = b.defaultTtl;
            operationTtls.putAll(b.operationTtls);
            l1MaxEntries = b.l1MaxEntries;
            l1MaxBytes = b.l1MaxBytes;
            singleFlightMaxWait = b.singleFlightMaxWait;
            keyHashThreshold = b.keyHashThreshold;
            problems.addAll(b.problems);
            notices.addAll(b.notices);
            redisConnection = b.redisConnection;
            l1Ttl = b.l1Ttl;
            l1CleanupInterval = b.l1CleanupInterval;
            redisUrl = b.redisUrl;
            redisCluster = b.redisCluster;
            redisTimeout = b.redisTimeout;
            redisTlsCaCertFile = b.redisTlsCaCertFile;
            invalidationMaxStaleness = b.invalidationMaxStaleness;
            namespace = b.namespace;
            schemaVersion = b.schemaVersion;
            breakerFailureThreshold = b.breakerFailureThreshold;
            breakerOpenDuration = b.breakerOpenDuration;
            leaseTimeout = b.leaseTimeout;
            fileDirectory = b.fileDirectory;
            fileMaxBytes = b.fileMaxBytes;
            compression = b.compression;
            compressionLevel = b.compressionLevel;
            compressionThreshold = b.compressionThreshold;
            codecMaxDecodedBytes = b.codecMaxDecodedBytes;
            asyncThreads = b.asyncThreads;
            keysLimit = b.keysLimit;
            fluxMaxElements = b.fluxMaxElements;
            dataTypeTtls.clear();
            dataTypeTtls.putAll(b.dataTypeTtls);
            aiOperationTtls.clear();
            aiOperationTtls.putAll(b.aiOperationTtls);
            warmupParallelism = b.warmupParallelism;
            micrometerEnabled = b.micrometerEnabled;
            otelEnabled = b.otelEnabled;
            otelMemoryHitSpans = b.otelMemoryHitSpans;
            statsHttpEnabled = b.statsHttpEnabled;
            statsHttpBind = b.statsHttpBind;
            statsHttpPort = b.statsHttpPort;
            statsHttpRefresh = b.statsHttpRefresh;
            monitor = b.monitor;
            raw.putAll(b.raw);
        }

        /** @param enabled see {@link Settings#enabled()} @return this builder */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @param ttl see {@link Settings#defaultTtl()}, positive @return this builder */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = positive("ttl.default", ttl);
            return this;
        }

        /** @param operation operation name @param ttl its TTL, positive @return this builder */
        public Builder operationTtl(String operation, Duration ttl) {
            Objects.requireNonNull(operation, "operation must not be null");
            operationTtls.put(operation, positive("ttl." + operation, ttl));
            return this;
        }

        /** @param maxEntries see {@link Settings#l1MaxEntries()}, positive @return this builder */
        public Builder l1MaxEntries(long maxEntries) {
            if (maxEntries <= 0) {
                throw new IllegalArgumentException("l1.max-entries must be positive: " + maxEntries);
            }
            this.l1MaxEntries = maxEntries;
            return this;
        }

        /** @param maxBytes see {@link Settings#l1MaxBytes()}, positive @return this builder */
        public Builder l1MaxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("l1.max-bytes must be positive: " + maxBytes);
            }
            this.l1MaxBytes = maxBytes;
            return this;
        }

        /** @param maxWait see {@link Settings#singleFlightMaxWait()}, positive @return this builder */
        public Builder singleFlightMaxWait(Duration maxWait) {
            this.singleFlightMaxWait = positive("single-flight.max-wait", maxWait);
            return this;
        }

        /** @param threshold see {@link Settings#keyHashThreshold()}, positive @return this builder */
        public Builder keyHashThreshold(int threshold) {
            if (threshold <= 0) {
                throw new IllegalArgumentException("key.hash-threshold must be positive: " + threshold);
            }
            this.keyHashThreshold = threshold;
            return this;
        }

        /** @param ttl see {@link Settings#l1Ttl()}, positive, or {@code null} for none @return this builder */
        public Builder l1Ttl(Duration ttl) {
            this.l1Ttl = ttl == null ? null : positive("l1.ttl", ttl);
            return this;
        }

        /**
         * @param interval see {@link Settings#l1CleanupInterval()}, positive, or {@code null} for none
         * @return this builder
         */
        public Builder l1CleanupInterval(Duration interval) {
            this.l1CleanupInterval = interval == null ? null : positive("l1.cleanup-interval", interval);
            return this;
        }

        /** @param url see {@link Settings#redisUrl()}, or {@code null} for none @return this builder */
        public Builder redisUrl(String url) {
            if (url != null && url.isBlank()) {
                throw new IllegalArgumentException("redis.url must not be blank");
            }
            this.redisUrl = url == null ? null : url.strip();
            return this;
        }

        /** @param cluster see {@link Settings#redisCluster()} @return this builder */
        public Builder redisCluster(boolean cluster) {
            this.redisCluster = cluster;
            return this;
        }

        /** @param timeout see {@link Settings#redisTimeout()}, positive @return this builder */
        public Builder redisTimeout(Duration timeout) {
            this.redisTimeout = positive("redis.timeout", timeout);
            return this;
        }

        /**
         * @param file see {@link Settings#redisTlsCaCertFile()}: a path, or {@code null} for the JVM's trust store
         *     alone
         * @return this builder
         */
        public Builder redisTlsCaCertFile(String file) {
            if (file != null && file.isBlank()) {
                throw new IllegalArgumentException("redis.tls.ca-cert-file must not be blank");
            }
            this.redisTlsCaCertFile = file == null ? null : file.strip();
            return this;
        }

        /** @param maxStaleness see {@link Settings#invalidationMaxStaleness()}, positive @return this builder */
        public Builder invalidationMaxStaleness(Duration maxStaleness) {
            this.invalidationMaxStaleness = positive("invalidation.max-staleness", maxStaleness);
            return this;
        }

        /** @param namespace see {@link Settings#namespace()}: letters, digits, '.', '_', '-' @return this builder */
        public Builder namespace(String namespace) {
            Objects.requireNonNull(namespace, "namespace must not be null");
            if (!namespace.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("namespace must be letters, digits, '.', '_' or '-': " + namespace);
            }
            this.namespace = namespace;
            return this;
        }

        /** @param version see {@link Settings#schemaVersion()}, positive @return this builder */
        public Builder schemaVersion(int version) {
            if (version <= 0) {
                throw new IllegalArgumentException("schema-version must be positive: " + version);
            }
            this.schemaVersion = version;
            return this;
        }

        /** @param failures see {@link Settings#breakerFailureThreshold()}, positive @return this builder */
        public Builder breakerFailureThreshold(int failures) {
            if (failures <= 0) {
                throw new IllegalArgumentException("breaker.failure-threshold must be positive: " + failures);
            }
            this.breakerFailureThreshold = failures;
            return this;
        }

        /** @param duration see {@link Settings#breakerOpenDuration()}, positive @return this builder */
        public Builder breakerOpenDuration(Duration duration) {
            this.breakerOpenDuration = positive("breaker.open-duration", duration);
            return this;
        }

        /** @param directory see {@link Settings#fileDirectory()}, or {@code null} for none @return this builder */
        public Builder fileDirectory(String directory) {
            if (directory != null && directory.isBlank()) {
                throw new IllegalArgumentException("file.directory must not be blank");
            }
            this.fileDirectory = directory == null ? null : directory.strip();
            return this;
        }

        /** @param maxBytes see {@link Settings#fileMaxBytes()}, positive @return this builder */
        public Builder fileMaxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("file.max-bytes must be positive: " + maxBytes);
            }
            this.fileMaxBytes = maxBytes;
            return this;
        }

        /** @param timeout see {@link Settings#leaseTimeout()}, positive @return this builder */
        public Builder leaseTimeout(Duration timeout) {
            this.leaseTimeout = positive("lease.timeout", timeout);
            return this;
        }

        /** @param algorithm see {@link Settings#compression()} @return this builder */
        public Builder compression(String algorithm) {
            String name = Objects.requireNonNull(algorithm, "compression must not be null").strip()
                    .toLowerCase(java.util.Locale.ROOT);
            if (!List.of("zstd", "deflate", "lz4", "none").contains(name)) {
                throw new IllegalArgumentException("compression must be zstd, deflate, lz4 or none: " + algorithm);
            }
            this.compression = name;
            return this;
        }

        /** @param level see {@link Settings#compressionLevel()}, positive @return this builder */
        public Builder compressionLevel(int level) {
            if (level <= 0) {
                throw new IllegalArgumentException("compression.level must be positive: " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /** @param bytes see {@link Settings#compressionThreshold()}, positive @return this builder */
        public Builder compressionThreshold(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("compression.threshold must be positive: " + bytes);
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /** @param bytes see {@link Settings#codecMaxDecodedBytes()}, positive @return this builder */
        public Builder codecMaxDecodedBytes(int bytes) {
            if (bytes > 256 << 20) {
                throw new IllegalArgumentException("codec.max-decoded-bytes must be at most 268435456 (256 MiB): "
                        + bytes);
            }
            this.codecMaxDecodedBytes = positive("codec.max-decoded-bytes", bytes);
            return this;
        }

        /** @param threads see {@link Settings#asyncThreads()}, positive @return this builder */
        public Builder asyncThreads(int threads) {
            this.asyncThreads = positive("async.threads", threads);
            return this;
        }

        /** @param limit see {@link Settings#keysLimit()}, positive @return this builder */
        public Builder keysLimit(int limit) {
            this.keysLimit = positive("keys.limit", limit);
            return this;
        }

        /** @param elements see {@link Settings#fluxMaxElements()}, positive @return this builder */
        public Builder fluxMaxElements(int elements) {
            this.fluxMaxElements = positive("flux.max-elements", elements);
            return this;
        }

        /**
         * @param dataType a data type, stored normalized ({@link Settings#dataTypeName}) @param ttl its TTL, positive
         * @return this builder
         */
        public Builder dataTypeTtl(String dataType, Duration ttl) {
            String name = dataTypeName(dataType);
            dataTypeTtls.put(name, positive("ttl.type." + name, ttl));
            return this;
        }

        /** @param operation an AI-face operation @param ttl its TTL, positive @return this builder */
        public Builder aiOperationTtl(String operation, Duration ttl) {
            Objects.requireNonNull(operation, "operation must not be null");
            aiOperationTtls.put(operation, positive("ai.ttl." + operation, ttl));
            return this;
        }

        /** @param parallelism see {@link Settings#warmupParallelism()}, positive @return this builder */
        public Builder warmupParallelism(int parallelism) {
            this.warmupParallelism = positive("warmup.parallelism", parallelism);
            return this;
        }

        /** @param enabled see {@link Settings#micrometerEnabled()} @return this builder */
        public Builder micrometerEnabled(boolean enabled) {
            this.micrometerEnabled = enabled;
            return this;
        }

        /** @param enabled see {@link Settings#otelEnabled()} @return this builder */
        public Builder otelEnabled(boolean enabled) {
            this.otelEnabled = enabled;
            return this;
        }

        /** @param enabled see {@link Settings#otelMemoryHitSpans()} @return this builder */
        public Builder otelMemoryHitSpans(boolean enabled) {
            this.otelMemoryHitSpans = enabled;
            return this;
        }

        /** @param enabled see {@link Settings#statsHttpEnabled()} @return this builder */
        public Builder statsHttpEnabled(boolean enabled) {
            this.statsHttpEnabled = enabled;
            return this;
        }

        /** @param address see {@link Settings#statsHttpBind()}, a host name or IP address @return this builder */
        public Builder statsHttpBind(String address) {
            Objects.requireNonNull(address, "stats.http.bind must not be null");
            if (address.isBlank() || address.strip().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("stats.http.bind must be a host name or address: " + address);
            }
            this.statsHttpBind = address.strip();
            return this;
        }

        /** @param port see {@link Settings#statsHttpPort()}, 0 to 65535 @return this builder */
        public Builder statsHttpPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("stats.http.port must be from 0 to 65535: " + port);
            }
            this.statsHttpPort = port;
            return this;
        }

        /** @param refresh see {@link Settings#statsHttpRefresh()}, positive @return this builder */
        public Builder statsHttpRefresh(Duration refresh) {
            this.statsHttpRefresh = positive("stats.http.refresh", refresh);
            return this;
        }

        /** @param monitor see {@link Settings#monitor()} @return this builder */
        public Builder monitor(MonitorSettings monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor settings must not be null");
            return this;
        }

        /** @param change applied to the monitor settings so far @return this builder */
        public Builder monitor(java.util.function.UnaryOperator<MonitorSettings> change) {
            return monitor(change.apply(monitor));
        }

        /** @param connection see {@link Settings#redisConnection()} @return this builder */
        public Builder redisConnection(RedisConnectionSettings connection) {
            this.redisConnection = Objects.requireNonNull(connection, "redis connection settings must not be null");
            return this;
        }

        /** @param change applied to the Redis connection settings so far @return this builder */
        public Builder redisConnection(java.util.function.UnaryOperator<RedisConnectionSettings> change) {
            return redisConnection(change.apply(redisConnection));
        }

        /** @param notice a setting read but not used, see {@link Settings#notices()} @return this builder */
        public Builder notice(String notice) {
            notices.add(Objects.requireNonNull(notice, "notice must not be null"));
            return this;
        }

        /**
         * @param value a setting of a family that a module reads itself ({@link SettingName#MODULE_PREFIXES}), as
         *     written; replaces an earlier value of the same name
         * @return this builder
         */
        public Builder raw(SettingValue value) {
            raw.put(Objects.requireNonNull(value, "value must not be null").name(), value);
            return this;
        }

        /** @param problem a description of a configuration problem, kept for {@link Settings#problems()} @return this */
        public Builder problem(String problem) {
            problems.add(Objects.requireNonNull(problem, "problem must not be null"));
            return this;
        }

        /** @return the settings */
        public Settings build() {
            return new Settings(this);
        }

        static int positive(String name, int value) {
            return (int) positive(name, (long) value);
        }

        static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
