package io.cacheweave.runtime.config;

import java.time.Duration;
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
    /** Default of {@code cacheweave.single-flight.max-wait}. */
    public static final Duration DEFAULT_SINGLE_FLIGHT_MAX_WAIT = Duration.ofSeconds(60);
    /** Default of {@code cacheweave.key.hash-threshold}. */
    public static final int DEFAULT_KEY_HASH_THRESHOLD = 1000;

    private static final Settings DEFAULTS = builder().build();

    private final boolean enabled;
    private final Duration defaultTtl;
    private final Map<String, Duration> operationTtls;
    private final long l1MaxEntries;
    private final Duration singleFlightMaxWait;
    private final int keyHashThreshold;
    private final List<String> problems;

    private Settings(Builder b) {
        this.enabled = b.enabled;
        this.defaultTtl = b.defaultTtl;
        this.operationTtls = Map.copyOf(b.operationTtls);
        this.l1MaxEntries = b.l1MaxEntries;
        this.singleFlightMaxWait = b.singleFlightMaxWait;
        this.keyHashThreshold = b.keyHashThreshold;
        this.problems = List.copyOf(b.problems);
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
        Builder b = new Builder();
        b.enabled = enabled;
        b.defaultTtl = defaultTtl;
        b.operationTtls.putAll(operationTtls);
        b.l1MaxEntries = l1MaxEntries;
        b.singleFlightMaxWait = singleFlightMaxWait;
        b.keyHashThreshold = keyHashThreshold;
        b.problems.addAll(problems);
        return b;
    }

    /** @return {@code cacheweave.enabled}: whether woven methods use the cache at all */
    public boolean enabled() {
        return enabled;
    }

    /** @return {@code cacheweave.ttl.default}: TTL of operations with no TTL of their own */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /**
     * @param operation an operation name
     * @return {@code cacheweave.ttl.<operation>}, if configured
     */
    public Optional<Duration> operationTtl(String operation) {
        return Optional.ofNullable(operationTtls.get(operation));
    }

    /** @return every configured per-operation TTL, by operation */
    public Map<String, Duration> operationTtls() {
        return operationTtls;
    }

    /** @return {@code cacheweave.l1.max-entries}: entries the memory tier keeps per cached method */
    public long l1MaxEntries() {
        return l1MaxEntries;
    }

    /**
     * @return {@code cacheweave.single-flight.max-wait}: how long a caller waits for another caller's load of the
     *     same key before running the method itself
     */
    public Duration singleFlightMaxWait() {
        return singleFlightMaxWait;
    }

    /** @return {@code cacheweave.key.hash-threshold}: text key parts longer than this are hashed */
    public int keyHashThreshold() {
        return keyHashThreshold;
    }

    /** @return what was wrong with the configuration sources, one message per problem; empty when all was well */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "Settings{enabled=" + enabled + ", ttl.default=" + defaultTtl + ", ttl=" + new TreeMap<>(operationTtls)
                + ", l1.max-entries=" + l1MaxEntries + ", single-flight.max-wait=" + singleFlightMaxWait
                + ", key.hash-threshold=" + keyHashThreshold + "}";
    }

    /** Builds {@link Settings}; starts from the defaults. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private Duration defaultTtl = DEFAULT_TTL;
        private final Map<String, Duration> operationTtls = new TreeMap<>();
        private long l1MaxEntries = DEFAULT_L1_MAX_ENTRIES;
        private Duration singleFlightMaxWait = DEFAULT_SINGLE_FLIGHT_MAX_WAIT;
        private int keyHashThreshold = DEFAULT_KEY_HASH_THRESHOLD;
        private final java.util.ArrayList<String> problems = new java.util.ArrayList<>();

        private Builder() {
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

        /** @param problem a description of a configuration problem, kept for {@link Settings#problems()} @return this */
        public Builder problem(String problem) {
            problems.add(Objects.requireNonNull(problem, "problem must not be null"));
            return this;
        }

        /** @return the settings */
        public Settings build() {
            return new Settings(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
