package io.cacheweave.runtime.config;

import io.cacheweave.runtime.faces.FaceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every setting of a Cacheweave runtime, immutable, in one group per concern: {@link #core()}, {@link #memory()},
 * {@link #redis()}, {@link #breaker()}, {@link #file()}, {@link #codec()}, {@link #monitor()},
 * {@link #statsPage()}, {@link #telemetry()} and {@link #faces()}. Each group, like this class, is made with
 * {@code builder()...build()}, has its defaults in {@code create()} and a pre-filled builder in {@code mutate()}:
 *
 * <pre>{@code
 * Settings settings = Settings.builder()
 *         .core(c -> c.defaultTtl(Duration.ofMinutes(30)))
 *         .redis(r -> r.url("redis://localhost:6379").timeout(Duration.ofMillis(100)))
 *         .build();
 * Duration timeout = settings.redis().timeout();
 * }</pre>
 *
 * <p>{@link #load()} fills it from, in order (later wins): built-in defaults, {@code cacheweave.properties} on the
 * class path, environment variables ({@code CACHEWEAVE_*}), system properties ({@code -Dcacheweave.*}) and agent
 * arguments. Each setting has one name, listed in {@link SettingName} and the README.
 */
public final class Settings {

    /**
     * The system property in which the agent keeps its arguments ({@code name=value,name=value}) verbatim, for
     * {@link #load()}. Not a setting.
     */
    public static final String AGENT_ARGUMENTS_PROPERTY = "cacheweave.agent.arguments";

    private static final Settings DEFAULTS = builder().build();

    private final CoreSettings core;
    private final MemorySettings memory;
    private final RedisSettings redis;
    private final BreakerSettings breaker;
    private final FileSettings file;
    private final CodecSettings codec;
    private final MonitorSettings monitor;
    private final StatsPageSettings statsPage;
    private final TelemetrySettings telemetry;
    private final FaceSettings faces;
    private final SortedMap<String, SettingValue> raw;
    private final List<String> problems;
    private final List<String> notices;

    private Settings(Builder b) {
        core = b.core;
        memory = b.memory;
        redis = b.redis;
        breaker = b.breaker;
        file = b.file;
        codec = b.codec;
        monitor = b.monitor;
        statsPage = b.statsPage;
        telemetry = b.telemetry;
        faces = b.faces;
        raw = Collections.unmodifiableSortedMap(new TreeMap<>(b.raw));
        problems = List.copyOf(b.problems);
        notices = List.copyOf(b.notices);
    }

    /** @return the built-in defaults */
    public static Settings create() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings, problems and notices included */
    public Builder mutate() {
        return new Builder(this);
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

    /**
     * @return what every cached call uses: {@code cacheweave.enabled}, TTLs, key shape, single-flight, bounds of
     *     programmatic calls, lease, invalidation staleness
     */
    public CoreSettings core() {
        return core;
    }

    /** @return the memory tier's bounds, {@code cacheweave.l1.*} */
    public MemorySettings memory() {
        return memory;
    }

    /** @return the shared tier's Redis, {@code cacheweave.redis.*} */
    public RedisSettings redis() {
        return redis;
    }

    /** @return the shared tier's circuit breaker, {@code cacheweave.breaker.*} */
    public BreakerSettings breaker() {
        return breaker;
    }

    /** @return the file tier, {@code cacheweave.file.*} */
    public FileSettings file() {
        return file;
    }

    /** @return how shared-tier values are encoded: {@code cacheweave.compression.*}, {@code cacheweave.codec.*} */
    public CodecSettings codec() {
        return codec;
    }

    /** @return the monitor, {@code cacheweave.monitor.*}, {@code cacheweave.size-tier.*} */
    public MonitorSettings monitor() {
        return monitor;
    }

    /** @return the HTTP stats page, {@code cacheweave.stats.http.*} */
    public StatsPageSettings statsPage() {
        return statsPage;
    }

    /** @return the Micrometer and OpenTelemetry bridges, {@code cacheweave.micrometer.*}, {@code cacheweave.otel.*} */
    public TelemetrySettings telemetry() {
        return telemetry;
    }

    /**
     * @return the ready-made faces' TTLs and warm-up, {@code cacheweave.ttl.type.*}, {@code cacheweave.ai.ttl.*},
     *     {@code cacheweave.warmup.*}
     */
    public FaceSettings faces() {
        return faces;
    }

    /** @return what was wrong with the configuration sources, one message per problem; empty when all was well */
    public List<String> problems() {
        return problems;
    }

    /**
     * @return settings that were read but mean nothing here, one message each naming the Cacheweave setting to use
     *     instead (such as {@code REDIS_MAX_CONNECTIONS}, a pool size, for a client that multiplexes one
     *     connection); logged at WARN at start-up, never fatal
     */
    public List<String> notices() {
        return notices;
    }

    /**
     * @param prefix a prefix of {@link SettingName#MODULE_PREFIXES}, such as {@code cacheweave.llm.model-ttl.}
     * @return the values read for names under it, by name, as written and with their sources (the last source
     *     wins), for the module that owns the family to check and use; empty when none was set
     */
    public SortedMap<String, SettingValue> raw(String prefix) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(raw.subMap(prefix, prefix + Character.MAX_VALUE)));
    }

    /** @return the values of every group and the modules' raw values, not the problems or notices */
    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && core.equals(s.core) && memory.equals(s.memory) && redis.equals(s.redis)
                && breaker.equals(s.breaker) && file.equals(s.file) && codec.equals(s.codec)
                && monitor.equals(s.monitor) && statsPage.equals(s.statsPage) && telemetry.equals(s.telemetry)
                && faces.equals(s.faces) && raw.equals(s.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(core, memory, redis, breaker, file, codec, monitor, statsPage, telemetry, faces, raw);
    }

    /** @return every value, with any password in the Redis URL replaced by {@code ***} */
    @Override
    public String toString() {
        return "Settings{" + core + ", " + memory + ", " + redis + ", " + breaker + ", " + file + ", " + codec + ", "
                + faces + ", " + telemetry + ", " + statsPage + ", " + monitor
                + (raw.isEmpty() ? "" : ", raw=" + raw.keySet()) + "}";
    }

    /** Builds {@link Settings}; starts from the defaults. A group is set whole, or changed through its builder. */
    public static final class Builder {
        private CoreSettings core = CoreSettings.create();
        private MemorySettings memory = MemorySettings.create();
        private RedisSettings redis = RedisSettings.create();
        private BreakerSettings breaker = BreakerSettings.create();
        private FileSettings file = FileSettings.create();
        private CodecSettings codec = CodecSettings.create();
        private MonitorSettings monitor = MonitorSettings.create();
        private StatsPageSettings statsPage = StatsPageSettings.create();
        private TelemetrySettings telemetry = TelemetrySettings.create();
        private FaceSettings faces = FaceSettings.create();
        private final TreeMap<String, SettingValue> raw = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();
        private final List<String> notices = new ArrayList<>();

        private Builder() {
        }

        private Builder(Settings s) {
            core = s.core;
            memory = s.memory;
            redis = s.redis;
            breaker = s.breaker;
            file = s.file;
            codec = s.codec;
            monitor = s.monitor;
            statsPage = s.statsPage;
            telemetry = s.telemetry;
            faces = s.faces;
            raw.putAll(s.raw);
            problems.addAll(s.problems);
            notices.addAll(s.notices);
        }

        /** @param core see {@link Settings#core()} @return this builder */
        public Builder core(CoreSettings core) {
            this.core = Objects.requireNonNull(core, "core settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the core settings so far @return this builder */
        public Builder core(Consumer<CoreSettings.Builder> change) {
            return core(changed(core.mutate(), change).build());
        }

        /** @param memory see {@link Settings#memory()} @return this builder */
        public Builder memory(MemorySettings memory) {
            this.memory = Objects.requireNonNull(memory, "memory settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the memory settings so far @return this builder */
        public Builder memory(Consumer<MemorySettings.Builder> change) {
            return memory(changed(memory.mutate(), change).build());
        }

        /** @param redis see {@link Settings#redis()} @return this builder */
        public Builder redis(RedisSettings redis) {
            this.redis = Objects.requireNonNull(redis, "redis settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the redis settings so far @return this builder */
        public Builder redis(Consumer<RedisSettings.Builder> change) {
            return redis(changed(redis.mutate(), change).build());
        }

        /** @param breaker see {@link Settings#breaker()} @return this builder */
        public Builder breaker(BreakerSettings breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the breaker settings so far @return this builder */
        public Builder breaker(Consumer<BreakerSettings.Builder> change) {
            return breaker(changed(breaker.mutate(), change).build());
        }

        /** @param file see {@link Settings#file()} @return this builder */
        public Builder file(FileSettings file) {
            this.file = Objects.requireNonNull(file, "file settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the file settings so far @return this builder */
        public Builder file(Consumer<FileSettings.Builder> change) {
            return file(changed(file.mutate(), change).build());
        }

        /** @param codec see {@link Settings#codec()} @return this builder */
        public Builder codec(CodecSettings codec) {
            this.codec = Objects.requireNonNull(codec, "codec settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the codec settings so far @return this builder */
        public Builder codec(Consumer<CodecSettings.Builder> change) {
            return codec(changed(codec.mutate(), change).build());
        }

        /** @param monitor see {@link Settings#monitor()} @return this builder */
        public Builder monitor(MonitorSettings monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the monitor settings so far @return this builder */
        public Builder monitor(Consumer<MonitorSettings.Builder> change) {
            return monitor(changed(monitor.mutate(), change).build());
        }

        /** @param statsPage see {@link Settings#statsPage()} @return this builder */
        public Builder statsPage(StatsPageSettings statsPage) {
            this.statsPage = Objects.requireNonNull(statsPage, "statsPage settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the statsPage settings so far @return this builder */
        public Builder statsPage(Consumer<StatsPageSettings.Builder> change) {
            return statsPage(changed(statsPage.mutate(), change).build());
        }

        /** @param telemetry see {@link Settings#telemetry()} @return this builder */
        public Builder telemetry(TelemetrySettings telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the telemetry settings so far @return this builder */
        public Builder telemetry(Consumer<TelemetrySettings.Builder> change) {
            return telemetry(changed(telemetry.mutate(), change).build());
        }

        /** @param faces see {@link Settings#faces()} @return this builder */
        public Builder faces(FaceSettings faces) {
            this.faces = Objects.requireNonNull(faces, "faces settings must not be null");
            return this;
        }

        /** @param change applied to a builder holding the faces settings so far @return this builder */
        public Builder faces(Consumer<FaceSettings.Builder> change) {
            return faces(changed(faces.mutate(), change).build());
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

        /** @param problem a configuration problem, kept for {@link Settings#problems()} @return this builder */
        public Builder problem(String problem) {
            problems.add(Objects.requireNonNull(problem, "problem must not be null"));
            return this;
        }

        /** @return the settings */
        public Settings build() {
            return new Settings(this);
        }

        private static <B> B changed(B builder, Consumer<B> change) {
            change.accept(builder);
            return builder;
        }
    }
}
