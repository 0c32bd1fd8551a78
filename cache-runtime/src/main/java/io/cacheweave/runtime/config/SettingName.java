package io.cacheweave.runtime.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting, with its one name. In {@code cacheweave.properties}, system properties and agent arguments a setting
 * is written by its {@linkplain #property() property name}; as an environment variable by that name upper-cased with
 * {@code .} and {@code -} turned into {@code _} ({@linkplain #environmentVariable()}).
 */
public enum SettingName {

    /** {@code cacheweave.enabled}: whether woven methods use the cache at all. */
    ENABLED("cacheweave.enabled", "true", Form.BOOLEAN),

    /** {@code cacheweave.ttl.default}: time to live of operations with no TTL of their own. */
    TTL_DEFAULT("cacheweave.ttl.default", "1h", Form.DURATION),

    /**
     * {@code cacheweave.ttl.<operation>}: time to live of one operation, such as {@code cacheweave.ttl.summarize=2h};
     * beats the annotation's {@code ttl}. As an environment variable, {@code CACHEWEAVE_TTL_<OPERATION>} sets the
     * operation named by the lower-cased rest: {@code CACHEWEAVE_TTL_KEY_POINTS} is operation {@code key_points}.
     */
    TTL_OPERATION("cacheweave.ttl.<operation>", null, Form.DURATION),

    /** {@code cacheweave.l1.max-entries}: entries the memory tier keeps per cached method. */
    L1_MAX_ENTRIES("cacheweave.l1.max-entries", "10000", Form.POSITIVE_LONG),

    /**
     * {@code cacheweave.l1.max-bytes}: estimated bytes (keys and values) the memory tier keeps per cached method or
     * programmatic cache; a sixteenth of the maximum heap by default.
     */
    L1_MAX_BYTES("cacheweave.l1.max-bytes", null, Form.POSITIVE_LONG),

    /**
     * {@code cacheweave.single-flight.max-wait}: how long a caller waits for another caller's load of the same key
     * before running the method itself.
     */
    SINGLE_FLIGHT_MAX_WAIT("cacheweave.single-flight.max-wait", "60s", Form.DURATION),

    /** {@code cacheweave.key.hash-threshold}: text key parts longer than this many characters are hashed. */
    KEY_HASH_THRESHOLD("cacheweave.key.hash-threshold", "1000", Form.POSITIVE_INT),

    /**
     * {@code cacheweave.l1.ttl}: an upper bound on how long an entry stays in the memory tier, shorter than the
     * operation's TTL, so a node re-reads the shared tier sooner; none by default.
     */
    L1_TTL("cacheweave.l1.ttl", null, Form.DURATION),

    /**
     * {@code cacheweave.l1.cleanup-interval}: how often every memory tier drops the entries it holds past their
     * expiry (and programmatic caches the file tier's), as a periodic {@code cleanupExpired()}; none by default
     * (expired entries go on later reads and writes of their tier).
     */
    L1_CLEANUP_INTERVAL("cacheweave.l1.cleanup-interval", null, Form.DURATION),

    /**
     * {@code cacheweave.redis.url}: the Redis of the shared tier, such as {@code redis://host:6379}; none by default
     * (memory tier only). Also read from the environment variable {@code REDIS_URL}, which
     * {@code CACHEWEAVE_REDIS_URL} overrides.
     */
    REDIS_URL("cacheweave.redis.url", null, Form.TEXT),

    /**
     * {@code cacheweave.file.directory}: a directory for the embedded file tier, used as the shared tier when no
     * Redis is configured (one process per directory); none by default.
     */
    FILE_DIRECTORY("cacheweave.file.directory", null, Form.TEXT),

    /** {@code cacheweave.file.max-bytes}: the file tier's bound on bytes on disk; least recently used go first. */
    FILE_MAX_BYTES("cacheweave.file.max-bytes", "1073741824", Form.POSITIVE_LONG),

    /** {@code cacheweave.redis.cluster}: whether {@link #REDIS_URL} lists the seed nodes of a Redis Cluster. */
    REDIS_CLUSTER("cacheweave.redis.cluster", "false", Form.BOOLEAN),

    /** {@code cacheweave.redis.timeout}: how long one Redis command may take before it counts as failed. */
    REDIS_TIMEOUT("cacheweave.redis.timeout", "250ms", Form.DURATION),

    /**
     * {@code cacheweave.redis.tls.ca-cert-file}: a PEM file of the certificates that sign the Redis server's
     * certificate, trusted for {@code rediss://} instead of the JVM's trust store.
     */
    REDIS_TLS_CA_CERT_FILE("cacheweave.redis.tls.ca-cert-file", null, Form.TEXT),

    /**
     * {@code cacheweave.redis.connections}: data connections the Redis tier opens and spreads its commands over, 1
     * to 16 (Lettuce multiplexes every thread's commands over each).
     */
    REDIS_CONNECTIONS("cacheweave.redis.connections", "1", Form.POSITIVE_INT),

    /** {@code cacheweave.redis.connect-timeout}: how long one connection attempt to Redis may take. */
    REDIS_CONNECT_TIMEOUT("cacheweave.redis.connect-timeout", "1s", Form.DURATION),

    /** {@code cacheweave.redis.retry-on-timeout}: send a Redis call that timed out once more (idempotent calls). */
    REDIS_RETRY_ON_TIMEOUT("cacheweave.redis.retry-on-timeout", "false", Form.BOOLEAN),

    /**
     * {@code cacheweave.redis.health-check-interval}: a Redis connection idle this long is probed (TCP keep-alive),
     * so one that died silently is found and remade; at least 3s.
     */
    REDIS_HEALTH_CHECK_INTERVAL("cacheweave.redis.health-check-interval", "30s", Form.DURATION),

    /**
     * {@code cacheweave.invalidation.max-staleness}: with a Redis invalidation bus, how long after the bus last
     * proved it is delivering a node may still serve its memory tier.
     */
    INVALIDATION_MAX_STALENESS("cacheweave.invalidation.max-staleness", "200ms", Form.DURATION),

    /** {@code cacheweave.namespace}: the first part of every physical key, {@code <namespace>:v<schema>:...}. */
    NAMESPACE("cacheweave.namespace", "cacheweave", Form.NAME),

    /**
     * {@code cacheweave.schema-version}: the second part of every physical key; bump it when a cached value's shape
     * changes, instead of flushing Redis.
     */
    SCHEMA_VERSION("cacheweave.schema-version", "1", Form.POSITIVE_INT),

    /** {@code cacheweave.breaker.failure-threshold}: consecutive shared-tier failures that open the breaker. */
    BREAKER_FAILURE_THRESHOLD("cacheweave.breaker.failure-threshold", "5", Form.POSITIVE_INT),

    /**
     * {@code cacheweave.breaker.open-duration}: how long an open breaker skips the shared tier before a probe (less
     * when the tier connects again).
     */
    BREAKER_OPEN_DURATION("cacheweave.breaker.open-duration", "5s", Form.DURATION),

    /**
     * {@code cacheweave.lease.timeout}: how long the distributed lease of a {@code @Cached(lease = true)} load lasts
     * without renewal, and how long other nodes wait for its value before loading themselves.
     */
    LEASE_TIMEOUT("cacheweave.lease.timeout", "30s", Form.DURATION),

    /** {@code cacheweave.compression.algorithm}: how shared-tier values above the threshold are compressed. */
    COMPRESSION_ALGORITHM("cacheweave.compression.algorithm", "zstd", Form.COMPRESSION),

    /** {@code cacheweave.compression.level}: the algorithm's level; by default the algorithm's own default. */
    COMPRESSION_LEVEL("cacheweave.compression.level", null, Form.POSITIVE_INT),

    /** {@code cacheweave.compression.threshold}: encoded values longer than this many bytes are compressed. */
    COMPRESSION_THRESHOLD("cacheweave.compression.threshold", "1024", Form.POSITIVE_INT),

    /** {@code cacheweave.codec.max-decoded-bytes}: the most bytes one stored value may decompress and decode to. */
    CODEC_MAX_DECODED_BYTES("cacheweave.codec.max-decoded-bytes", "16777216", Form.POSITIVE_INT),

    /** {@code cacheweave.async.threads}: threads that run the shared-tier work of programmatic async caches. */
    ASYNC_THREADS("cacheweave.async.threads", "4", Form.POSITIVE_INT),

    /** {@code cacheweave.keys.limit}: the most keys one {@code Cache.keys(prefix)} call returns. */
    KEYS_LIMIT("cacheweave.keys.limit", "10000", Form.POSITIVE_INT),

    /**
     * {@code cacheweave.flux.max-elements}: the most elements of a {@code Flux} result that a {@code @Cached} method
     * stores; a longer sequence is not stored, and counted.
     */
    FLUX_MAX_ELEMENTS("cacheweave.flux.max-elements", "10000", Form.POSITIVE_INT),
    /**
     * {@code cacheweave.ttl.type.<data-type>}: time to live of one data type of the hierarchical key face, such as
     * {@code cacheweave.ttl.type.system-config=5m}; built-in defaults in
     * {@link io.cacheweave.runtime.faces.FaceSettings#dataTypeTtls()}.
     * Data-type names are compared lower-cased with {@code _} read as {@code -}, so the environment variable
     * {@code CACHEWEAVE_TTL_TYPE_SYSTEM_CONFIG} sets {@code system-config}. Checked before
     * {@link #TTL_OPERATION}: an operation whose name starts with {@code type.} cannot have a TTL setting.
     */
    TTL_DATA_TYPE("cacheweave.ttl.type.<data-type>", null, Form.DURATION),

    /**
     * {@code cacheweave.ai.ttl.<operation>}: time to live of the AI response face's responses for one operation,
     * such as {@code cacheweave.ai.ttl.summarize=2h}; built-in defaults in
     * {@link io.cacheweave.runtime.faces.FaceSettings#aiOperationTtls()},
     * other operations live {@link #TTL_DEFAULT}. As an environment variable, {@code CACHEWEAVE_AI_TTL_<OPERATION>}
     * with the operation lower-cased, like {@link #TTL_OPERATION}.
     */
    AI_TTL_OPERATION("cacheweave.ai.ttl.<operation>", null, Form.DURATION),


    /** {@code cacheweave.warmup.parallelism}: how many keys a warm-up loads at the same time, at most. */
    WARMUP_PARALLELISM("cacheweave.warmup.parallelism", "4", Form.POSITIVE_INT),
    /**
     * {@code cacheweave.micrometer.enabled}: whether the process-wide runtime binds its monitor to Micrometer's
     * global registry when Micrometer is on the class path.
     */
    MICROMETER_ENABLED("cacheweave.micrometer.enabled", "true", Form.BOOLEAN),

    /**
     * {@code cacheweave.otel.enabled}: whether the process-wide runtime reports spans and metrics through
     * {@code GlobalOpenTelemetry} when the OpenTelemetry API is on the class path.
     */
    OTEL_ENABLED("cacheweave.otel.enabled", "true", Form.BOOLEAN),

    /**
     * {@code cacheweave.otel.memory-hit-spans}: report every memory-tier hit to the monitor's observers, so the
     * OpenTelemetry bridge makes a span of it; off by default, since it puts work on the hit path.
     */
    OTEL_MEMORY_HIT_SPANS("cacheweave.otel.memory-hit-spans", "false", Form.BOOLEAN),

    /** {@code cacheweave.stats.http.enabled}: whether the process-wide runtime serves the HTTP stats page. */
    STATS_HTTP_ENABLED("cacheweave.stats.http.enabled", "false", Form.BOOLEAN),

    /** {@code cacheweave.stats.http.bind}: the address the stats page listens on; loopback only by default. */
    STATS_HTTP_BIND("cacheweave.stats.http.bind", "127.0.0.1", Form.HOST),

    /** {@code cacheweave.stats.http.port}: the stats page's TCP port; {@code 0} for any free port. */
    STATS_HTTP_PORT("cacheweave.stats.http.port", "7979", Form.PORT),

    /** {@code cacheweave.stats.http.refresh}: how often the open stats page fetches a new snapshot. */
    STATS_HTTP_REFRESH("cacheweave.stats.http.refresh", "2s", Form.DURATION),
    /** {@code cacheweave.monitor.enabled}: record latencies, sizes, top keys, history, alerts, recommendations. */
    MONITOR_ENABLED("cacheweave.monitor.enabled", "true", Form.BOOLEAN),

    /** {@code cacheweave.monitor.jmx}: register the monitor's MBeans on the platform MBean server. */
    MONITOR_JMX("cacheweave.monitor.jmx", "true", Form.BOOLEAN),

    /** {@code cacheweave.monitor.interval}: how often a history sample is taken (one latency-window slot). */
    MONITOR_INTERVAL("cacheweave.monitor.interval", "10s", Form.DURATION),

    /** {@code cacheweave.monitor.retention}: how long history samples are kept. */
    MONITOR_RETENTION("cacheweave.monitor.retention", "1h", Form.DURATION),

    /** {@code cacheweave.monitor.latency-window}: how far back latency percentiles reach. */
    MONITOR_LATENCY_WINDOW("cacheweave.monitor.latency-window", "1m", Form.DURATION),

    /** {@code cacheweave.monitor.top-keys}: how many of the most accessed keys are reported. */
    MONITOR_TOP_KEYS("cacheweave.monitor.top-keys", "10", Form.POSITIVE_INT),

    /**
     * {@code cacheweave.size-tier.medium}: the text-size tiers' first bound. A text of at least this size is
     * {@code medium}: an AI-face request text in characters, a stored value's JSON in bytes (value statistics).
     */
    SIZE_TIER_MEDIUM("cacheweave.size-tier.medium", "500", Form.POSITIVE_INT),

    /** {@code cacheweave.size-tier.large}: a text of at least this size is {@code large} (see SIZE_TIER_MEDIUM). */
    SIZE_TIER_LARGE("cacheweave.size-tier.large", "5000", Form.POSITIVE_INT),

    /** {@code cacheweave.size-tier.xlarge}: a text of at least this size is {@code xlarge} (see SIZE_TIER_MEDIUM). */
    SIZE_TIER_XLARGE("cacheweave.size-tier.xlarge", "50000", Form.POSITIVE_INT),

    /** {@code cacheweave.monitor.alert.memory-warning}: estimated memory-tier bytes that raise a warning. */
    MONITOR_MEMORY_WARNING("cacheweave.monitor.alert.memory-warning", "52428800", Form.POSITIVE_LONG),

    /** {@code cacheweave.monitor.alert.memory-critical}: estimated memory-tier bytes that raise a critical alert. */
    MONITOR_MEMORY_CRITICAL("cacheweave.monitor.alert.memory-critical", "104857600", Form.POSITIVE_LONG),

    /** {@code cacheweave.monitor.alert.slow-load}: mean load time of an operation that raises an alert. */
    MONITOR_SLOW_LOAD("cacheweave.monitor.alert.slow-load", "5s", Form.DURATION),

    /** {@code cacheweave.monitor.alert.invalidations-per-minute}: invalidation requests a minute that raise an alert. */
    MONITOR_INVALIDATIONS_PER_MINUTE("cacheweave.monitor.alert.invalidations-per-minute", "100", Form.POSITIVE_LONG);

    /** The conventional environment variable of {@link #REDIS_URL}, read before {@code CACHEWEAVE_REDIS_URL}. */
    public static final String REDIS_URL_ALIAS = "REDIS_URL";

    /**
     * Environment variables of the Python Redis clients Cacheweave replaces whose meaning carries over, each with the
     * setting it sets: {@code REDIS_URL}, {@code REDIS_SOCKET_TIMEOUT} ({@link #REDIS_TIMEOUT}: the time one command
     * may take), {@code REDIS_CONNECT_TIMEOUT}, {@code REDIS_RETRY_ON_TIMEOUT}, {@code REDIS_HEALTH_CHECK_INTERVAL}.
     * They are read before the {@code CACHEWEAVE_*} variables, which override them; a number without a unit is
     * seconds, as those clients read it.
     */
    public static final java.util.Map<String, SettingName> ENVIRONMENT_ALIASES = java.util.Map.of(
            REDIS_URL_ALIAS, REDIS_URL,
            "REDIS_SOCKET_TIMEOUT", REDIS_TIMEOUT,
            "REDIS_CONNECT_TIMEOUT", REDIS_CONNECT_TIMEOUT,
            "REDIS_RETRY_ON_TIMEOUT", REDIS_RETRY_ON_TIMEOUT,
            "REDIS_HEALTH_CHECK_INTERVAL", REDIS_HEALTH_CHECK_INTERVAL);

    /**
     * Environment variables of those clients whose meaning does not carry over, each with the setting that comes
     * closest; one set is reported at start-up ({@link Settings#notices()}) and not applied:
     * {@code REDIS_MAX_CONNECTIONS} sizes a connection pool, and Lettuce multiplexes one connection.
     */
    public static final java.util.Map<String, SettingName> UNUSED_ALIASES = java.util.Map.of(
            "REDIS_MAX_CONNECTIONS", REDIS_CONNECTIONS);

    /** Prefix of every setting's property name. */
    public static final String PREFIX = "cacheweave.";
    /** Prefix of every setting's environment variable. */
    public static final String ENV_PREFIX = "CACHEWEAVE_";
    /** Property name prefix of {@link #TTL_OPERATION}: the operation name follows it. */
    public static final String TTL_PREFIX = "cacheweave.ttl.";
    /** Environment variable prefix of {@link #TTL_OPERATION}. */
    public static final String TTL_ENV_PREFIX = "CACHEWEAVE_TTL_";
    /** Property name prefix of {@link #TTL_DATA_TYPE}: the data type follows it. */
    public static final String TTL_TYPE_PREFIX = "cacheweave.ttl.type.";
    /** Environment variable prefix of {@link #TTL_DATA_TYPE}. */
    public static final String TTL_TYPE_ENV_PREFIX = "CACHEWEAVE_TTL_TYPE_";
    /** Property name prefix of {@link #AI_TTL_OPERATION}: the operation name follows it. */
    public static final String AI_TTL_PREFIX = "cacheweave.ai.ttl.";
    /** Environment variable prefix of {@link #AI_TTL_OPERATION}. */
    public static final String AI_TTL_ENV_PREFIX = "CACHEWEAVE_AI_TTL_";
    /**
     * Prefixes of properties that are not settings of the runtime, and not unknown ones either:
     * cacheweave-maven-plugin's ({@code cacheweave.weave.skip}, ...; a {@code -D} on the Maven command line reaches
     * the tests' JVMs too) and the agent's own ({@code cacheweave.agent.weave-cache}, read by the agent alone).
     */
    static final java.util.List<String> NOT_RUNTIME_PREFIXES = java.util.List.of("cacheweave.weave.",
            "cacheweave.weave-tests.", "cacheweave.agent.");
    /**
     * Property name prefix of cacheweave-llm's {@code cacheweave.llm.model-ttl.<model>} (the TTL of one model's
     * answers in a chat cache): a family of {@link #MODULE_PREFIXES}.
     */
    public static final String LLM_MODEL_TTL_PREFIX = "cacheweave.llm.model-ttl.";
    /**
     * Prefixes of families of settings that modules built on the runtime read and check themselves, through
     * {@link Settings#raw(String)}: the loader keeps each value as written, with its source, instead of calling the
     * name unknown. A name is the prefix and one member ({@code cacheweave.llm.model-ttl.gpt-4o}); the environment
     * form is the prefix's variable and the member lower-cased ({@code CACHEWEAVE_LLM_MODEL_TTL_GPT_4O} is
     * {@code cacheweave.llm.model-ttl.gpt_4o}).
     */
    public static final java.util.List<String> MODULE_PREFIXES = java.util.List.of(LLM_MODEL_TTL_PREFIX);

    /** @return whether {@code name} is a member of a family of {@link #MODULE_PREFIXES} */
    static boolean isModuleSetting(String name) {
        return MODULE_PREFIXES.stream().anyMatch(p -> name.length() > p.length() && name.startsWith(p));
    }

    /** @return the property name of an environment variable of a family of {@link #MODULE_PREFIXES} */
    static Optional<String> moduleSettingOfVariable(String variable) {
        for (String prefix : MODULE_PREFIXES) {
            String env = toEnvironmentVariable(prefix);
            if (variable.length() > env.length() && variable.startsWith(env)) {
                return Optional.of(prefix + variable.substring(env.length()).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private final String property;
    private final String environmentVariable;
    private final String defaultValue;
    private final Form form;

    SettingName(String property, String defaultValue, Form form) {
        this.property = property;
        this.environmentVariable = toEnvironmentVariable(property);
        this.defaultValue = defaultValue;
        this.form = form;
    }

    /** @return the property name, such as {@code cacheweave.ttl.default} */
    public String property() {
        return property;
    }

    /** @return the environment variable, such as {@code CACHEWEAVE_TTL_DEFAULT} */
    public String environmentVariable() {
        return environmentVariable;
    }

    /**
     * @return whether this is a family of settings named by a pattern ({@code cacheweave.ttl.<operation>}), rather
     *     than one setting
     */
    public boolean family() {
        return property.indexOf('<') >= 0;
    }

    /** @return the default as it would be written, empty for {@link #TTL_OPERATION} */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return how a value is written */
    public Form form() {
        return form;
    }

    /**
     * @param property a property name
     * @return the setting with exactly that name; empty for families ({@code cacheweave.ttl.<operation>}) and
     *     unknown names
     */
    public static Optional<SettingName> ofProperty(String property) {
        for (SettingName s : values()) {
            if (!s.family() && s.property.equals(property)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * @param variable an environment variable name
     * @return the setting with exactly that variable; empty for families ({@code CACHEWEAVE_TTL_<OPERATION>})
     *     and unknown names
     */
    public static Optional<SettingName> ofEnvironmentVariable(String variable) {
        for (SettingName s : values()) {
            if (!s.family() && s.environmentVariable.equals(variable)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * @param property a property name
     * @return it upper-cased, with {@code .} and {@code -} turned into {@code _}
     */
    public static String toEnvironmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** How the value of a setting is written. */
    public enum Form {
        /** {@code true} or {@code false}, in any case. */
        BOOLEAN("a boolean", "true or false"),
        /** See {@link Durations}. */
        DURATION("a duration", Durations.FORM),
        /** A whole number from 1 to {@link Long#MAX_VALUE}. */
        POSITIVE_LONG("a positive whole number", "a number from 1 to " + Long.MAX_VALUE + ", such as 10000"),
        /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
        POSITIVE_INT("a positive whole number", "a number from 1 to " + Integer.MAX_VALUE + ", such as 1000"),
        /** Any text that is not blank. */
        TEXT("a text", "a value that is not blank, such as redis://localhost:6379"),
        /** A compression algorithm name. */
        COMPRESSION("a compression algorithm", "zstd, deflate, lz4 or none"),
        /** Letters, digits, {@code .}, {@code _} and {@code -}. */
        NAME("a name", "letters, digits, '.', '_' and '-' only, such as my-service"),
        /** A TCP port from 0 (any free port) to 65535. */
        PORT("a port", "a number from 0 (any free port) to 65535, such as 7979"),
        /** A host name or IP address, without white space. */
        HOST("a host name or address", "a host name or IP address, such as 127.0.0.1 or 0.0.0.0");

        private final String noun;
        private final String hint;

        Form(String noun, String hint) {
            this.noun = noun;
            this.hint = hint;
        }

        /** @return what a value must be, such as {@code a duration} */
        public String noun() {
            return noun;
        }

        /** @return how to write a value, such as {@code true or false} */
        public String hint() {
            return hint;
        }
    }
}
