package io.cacheweave.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the configuration sources into {@link Settings}, in order, later wins: defaults, every
 * {@value #RESOURCE} on the class path, environment variables {@code CACHEWEAVE_*}, system properties
 * {@code cacheweave.*}, agent arguments (kept by the agent in the system property {@value #AGENT_ARGUMENTS}).
 *
 * <p>Bad input never throws: each unknown name, malformed value or malformed agent argument becomes one message in
 * {@link Settings#problems()}, and the value from the earlier source stays.
 */
final class SettingsLoader {

    /** The system property in which the agent keeps its arguments verbatim; not a setting. */
    static final String AGENT_ARGUMENTS = Settings.AGENT_ARGUMENTS_PROPERTY;
    /** The class path resource read, every copy of it. */
    static final String RESOURCE = "cacheweave.properties";

    private static final String SYSTEM_PROPERTY = "system property";
    private static final String AGENT_ARGUMENT = "agent argument";
    private static final String ENVIRONMENT_VARIABLE = "environment variable";

    private final Settings.Builder builder = Settings.builder();

    private SettingsLoader() {
    }

    /** @return the settings from this process's class path, environment, system properties and agent arguments */
    static Settings load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SettingsLoader.class.getClassLoader();
        }
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        return load(System.getenv(), System.getProperties(), loader);
    }

    /**
     * @param environment the environment variables
     * @param systemProperties the system properties, including {@value #AGENT_ARGUMENTS} if the agent set it
     * @param resources where to look for {@value #RESOURCE}; {@code null} for nowhere
     * @return the settings from these sources
     */
    static Settings load(Map<String, String> environment, Properties systemProperties, ClassLoader resources) {
        SettingsLoader loader = new SettingsLoader();
        if (resources != null) {
            loader.readResources(resources);
        }
        loader.readEnvironment(environment);
        loader.readSystemProperties(systemProperties);
        loader.readAgentArguments(systemProperties.getProperty(AGENT_ARGUMENTS));
        return loader.builder.build();
    }

    /**
     * @param resources where to look for {@value #RESOURCE}; {@code null} for nowhere
     * @param values named values of an embedder's sources, applied in order after the resources
     * @return the settings from these sources
     */
    static Settings load(ClassLoader resources, List<SettingValue> values) {
        SettingsLoader loader = new SettingsLoader();
        if (resources != null) {
            loader.readResources(resources);
        }
        for (SettingValue v : values) {
            loader.property(v.name(), v.value(), v.source());
        }
        return loader.builder.build();
    }

    /**
     * @param arguments agent arguments, {@code name=value,name=value}; {@code null} or blank for none
     * @return a message for each unknown name, malformed value or argument without {@code =}
     */
    static List<String> checkAgentArguments(String arguments) {
        SettingsLoader loader = new SettingsLoader();
        loader.readAgentArguments(arguments);
        return loader.builder.build().problems();
    }

    private void readResources(ClassLoader resources) {
        Enumeration<URL> urls;
        try {
            urls = resources.getResources(RESOURCE);
        } catch (IOException e) {
            builder.problem("could not look for " + RESOURCE + " on the class path: " + e);
            return;
        }
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            Properties file = new Properties();
            try (InputStream in = url.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                builder.problem("could not read " + url + ": " + e.getMessage());
                continue;
            }
            for (String name : new TreeSet<>(file.stringPropertyNames())) {
                property(name, file.getProperty(name), url.toString());
            }
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        for (String alias : new TreeSet<>(environment.keySet())) {
            if (isAlias(alias)) {
                alias(alias, environment.get(alias), ENVIRONMENT_VARIABLE + " " + alias);
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(SettingName.ENV_PREFIX)) {
                continue;
            }
            String source = ENVIRONMENT_VARIABLE + " " + variable;
            Optional<SettingName> setting = SettingName.ofEnvironmentVariable(variable);
            if (setting.isPresent()) {
                set(setting.get(), null, setting.get().property(), e.getValue(), source);
            } else if (variable.length() > SettingName.TTL_TYPE_ENV_PREFIX.length()
                    && variable.startsWith(SettingName.TTL_TYPE_ENV_PREFIX)) {
                String type = variable.substring(SettingName.TTL_TYPE_ENV_PREFIX.length());
                set(SettingName.TTL_DATA_TYPE, type, SettingName.TTL_TYPE_PREFIX + type, e.getValue(), source);
            } else if (variable.length() > SettingName.AI_TTL_ENV_PREFIX.length()
                    && variable.startsWith(SettingName.AI_TTL_ENV_PREFIX)) {
                String op = variable.substring(SettingName.AI_TTL_ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                set(SettingName.AI_TTL_OPERATION, op, SettingName.AI_TTL_PREFIX + op, e.getValue(), source);
            } else if (variable.length() > SettingName.TTL_ENV_PREFIX.length()
                    && variable.startsWith(SettingName.TTL_ENV_PREFIX)) {
                String operation = variable.substring(SettingName.TTL_ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                set(SettingName.TTL_OPERATION, operation, SettingName.TTL_PREFIX + operation, e.getValue(), source);
            } else if (SettingName.moduleSettingOfVariable(variable).isPresent()) {
                builder.raw(new SettingValue(SettingName.moduleSettingOfVariable(variable).get(), e.getValue(),
                        source));
            } else {
                unknown(variable, e.getValue(), ENVIRONMENT_VARIABLE, true);
            }
        }
    }

    private void readSystemProperties(Properties systemProperties) {
        // stringPropertyNames() is a snapshot: other threads may set properties while we read.
        for (String name : new TreeSet<>(systemProperties.stringPropertyNames())) {
            if (name.startsWith(SettingName.PREFIX) && !name.equals(AGENT_ARGUMENTS)) {
                String value = systemProperties.getProperty(name);
                if (value != null) {
                    property(name, value, SYSTEM_PROPERTY);
                }
            }
        }
    }

    private void readAgentArguments(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return;
        }
        for (String argument : arguments.split(",")) {
            if (argument.isBlank()) {
                continue; // "a=1,,b=2" or a trailing comma: nothing was meant
            }
            int eq = argument.indexOf('=');
            if (eq < 0) {
                builder.problem("agent argument \"" + argument + "\" has no \"=\"; write name=value, such as "
                        + "cacheweave.ttl.default=30m, and separate arguments with \",\"");
            } else if (argument.substring(0, eq).isBlank()) {
                builder.problem("agent argument \"" + argument + "\" has no name before \"=\"; write name=value, "
                        + "such as cacheweave.ttl.default=30m");
            } else {
                property(argument.substring(0, eq).trim(), argument.substring(eq + 1), AGENT_ARGUMENT);
            }
        }
    }

    /** @return whether {@code name} is the environment variable of another Redis client that Cacheweave reads */
    static boolean isAlias(String name) {
        return SettingName.ENVIRONMENT_ALIASES.containsKey(name) || SettingName.UNUSED_ALIASES.containsKey(name);
    }

    /** Applies one environment variable of another Redis client, or tells what to set instead. */
    private void alias(String alias, String value, String source) {
        SettingName setting = SettingName.ENVIRONMENT_ALIASES.get(alias);
        if (setting != null) {
            set(setting, null, alias, value, source);
            return;
        }
        SettingName instead = SettingName.UNUSED_ALIASES.get(alias);
        builder.notice(alias + "=" + value.strip() + " (" + source + ") is not used: Cacheweave's Redis client "
                + "(Lettuce) multiplexes every command over one connection, so there is no connection pool to "
                + "bound; to open more data connections set " + instead.property() + " ("
                + instead.environmentVariable() + ", 1 to " + RedisConnectionSettings.MAX_CONNECTIONS + ", default "
                + instead.defaultValue().orElse("") + ")");
    }

    /**
     * Applies one {@code name=value} of a source that uses property names; an embedder's source may also pass the
     * environment variables of other Redis clients ({@link SettingName#ENVIRONMENT_ALIASES}) by their own name.
     */
    private void property(String name, String value, String source) {
        Optional<SettingName> setting = SettingName.ofProperty(name);
        if (isAlias(name)) {
            alias(name, value, source);
        } else if (setting.isPresent()) {
            set(setting.get(), null, name, value, source);
        } else if (name.length() > SettingName.TTL_TYPE_PREFIX.length()
                && name.startsWith(SettingName.TTL_TYPE_PREFIX)) {
            set(SettingName.TTL_DATA_TYPE, name.substring(SettingName.TTL_TYPE_PREFIX.length()), name, value, source);
        } else if (name.length() > SettingName.AI_TTL_PREFIX.length() && name.startsWith(SettingName.AI_TTL_PREFIX)) {
            set(SettingName.AI_TTL_OPERATION, name.substring(SettingName.AI_TTL_PREFIX.length()), name, value,
                    source);
        } else if (isOperationTtl(name)) {
            set(SettingName.TTL_OPERATION, name.substring(SettingName.TTL_PREFIX.length()), name, value, source);
        } else if (SettingName.isModuleSetting(name)) {
            builder.raw(new SettingValue(name, value, source)); // its module checks it
        } else if (SettingName.BUILD_PLUGIN_PREFIXES.stream().noneMatch(name::startsWith)) {
            unknown(name, value, source, false);
        }
    }

    /** @param operation the family member (operation or data type) of a family setting, else {@code null} */
    private void set(SettingName setting, String operation, String name, String value, String source) {
        String v = value.trim();
        try {
            switch (setting) {
                case ENABLED -> builder.enabled(parseBoolean(v));
                case TTL_DEFAULT -> builder.defaultTtl(Durations.parse(v));
                case TTL_OPERATION -> builder.operationTtl(operation, Durations.parse(v));
                case L1_MAX_ENTRIES -> builder.l1MaxEntries(Long.parseLong(v));
                case L1_MAX_BYTES -> builder.l1MaxBytes(Long.parseLong(v));
                case SINGLE_FLIGHT_MAX_WAIT -> builder.singleFlightMaxWait(Durations.parse(v));
                case KEY_HASH_THRESHOLD -> builder.keyHashThreshold(Integer.parseInt(v));
                case L1_TTL -> builder.l1Ttl(Durations.parse(v));
                case L1_CLEANUP_INTERVAL -> builder.l1CleanupInterval(Durations.parse(v));
                case REDIS_URL -> builder.redisUrl(v);
                case REDIS_CLUSTER -> builder.redisCluster(parseBoolean(v));
                case FILE_DIRECTORY -> builder.fileDirectory(v);
                case FILE_MAX_BYTES -> builder.fileMaxBytes(Long.parseLong(v));
                case REDIS_TIMEOUT -> builder.redisTimeout(Durations.parse(v));
                case REDIS_TLS_CA_CERT_FILE -> builder.redisTlsCaCertFile(v);
                case REDIS_CONNECTIONS -> builder.redisConnection(c -> c.withConnections(Integer.parseInt(v)));
                case REDIS_CONNECT_TIMEOUT -> builder.redisConnection(c -> c.withConnectTimeout(Durations.parse(v)));
                case REDIS_RETRY_ON_TIMEOUT -> builder.redisConnection(c -> c.withRetryOnTimeout(parseBoolean(v)));
                case REDIS_HEALTH_CHECK_INTERVAL ->
                        builder.redisConnection(c -> c.withHealthCheckInterval(Durations.parse(v)));
                case INVALIDATION_MAX_STALENESS -> builder.invalidationMaxStaleness(Durations.parse(v));
                case NAMESPACE -> builder.namespace(v);
                case SCHEMA_VERSION -> builder.schemaVersion(Integer.parseInt(v));
                case BREAKER_FAILURE_THRESHOLD -> builder.breakerFailureThreshold(Integer.parseInt(v));
                case BREAKER_OPEN_DURATION -> builder.breakerOpenDuration(Durations.parse(v));
                case LEASE_TIMEOUT -> builder.leaseTimeout(Durations.parse(v));
                case COMPRESSION_ALGORITHM -> builder.compression(v);
                case COMPRESSION_LEVEL -> builder.compressionLevel(Integer.parseInt(v));
                case COMPRESSION_THRESHOLD -> builder.compressionThreshold(Integer.parseInt(v));
                case CODEC_MAX_DECODED_BYTES -> builder.codecMaxDecodedBytes(Integer.parseInt(v));
                case ASYNC_THREADS -> builder.asyncThreads(Integer.parseInt(v));
                case KEYS_LIMIT -> builder.keysLimit(Integer.parseInt(v));
                case FLUX_MAX_ELEMENTS -> builder.fluxMaxElements(Integer.parseInt(v));
                case TTL_DATA_TYPE -> builder.dataTypeTtl(operation, Durations.parse(v));
                case AI_TTL_OPERATION -> builder.aiOperationTtl(operation, Durations.parse(v));
                case WARMUP_PARALLELISM -> builder.warmupParallelism(Integer.parseInt(v));
                case MICROMETER_ENABLED -> builder.micrometerEnabled(parseBoolean(v));
                case OTEL_ENABLED -> builder.otelEnabled(parseBoolean(v));
                case OTEL_MEMORY_HIT_SPANS -> builder.otelMemoryHitSpans(parseBoolean(v));
                case STATS_HTTP_ENABLED -> builder.statsHttpEnabled(parseBoolean(v));
                case STATS_HTTP_BIND -> builder.statsHttpBind(v);
                case STATS_HTTP_PORT -> builder.statsHttpPort(Integer.parseInt(v));
                case STATS_HTTP_REFRESH -> builder.statsHttpRefresh(Durations.parse(v));
                case MONITOR_ENABLED -> builder.monitor(m -> m.withEnabled(parseBoolean(v)));
                case MONITOR_JMX -> builder.monitor(m -> m.withJmx(parseBoolean(v)));
                case MONITOR_INTERVAL -> builder.monitor(m -> m.withInterval(Durations.parse(v)));
                case MONITOR_RETENTION -> builder.monitor(m -> m.withRetention(Durations.parse(v)));
                case MONITOR_LATENCY_WINDOW -> builder.monitor(m -> m.withLatencyWindow(Durations.parse(v)));
                case MONITOR_TOP_KEYS -> builder.monitor(m -> m.withTopKeys(Integer.parseInt(v)));
                case SIZE_TIER_MEDIUM -> builder.monitor(m -> m.withMediumBytes(Integer.parseInt(v)));
                case SIZE_TIER_LARGE -> builder.monitor(m -> m.withLargeBytes(Integer.parseInt(v)));
                case SIZE_TIER_XLARGE -> builder.monitor(m -> m.withXlargeBytes(Integer.parseInt(v)));
                case MONITOR_MEMORY_WARNING -> builder.monitor(m -> m.withMemoryWarningBytes(Long.parseLong(v)));
                case MONITOR_MEMORY_CRITICAL -> builder.monitor(m -> m.withMemoryCriticalBytes(Long.parseLong(v)));
                case MONITOR_SLOW_LOAD -> builder.monitor(m -> m.withSlowLoad(Durations.parse(v)));
                case MONITOR_INVALIDATIONS_PER_MINUTE ->
                        builder.monitor(m -> m.withInvalidationsPerMinute(Long.parseLong(v)));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException too; builders reject values out of range
            SettingName.Form form = setting.form();
            String noun = form == SettingName.Form.DURATION && isParsable(v) ? "a positive duration" : form.noun();
            boolean ranged = setting == SettingName.REDIS_CONNECTIONS
                    || setting == SettingName.REDIS_HEALTH_CHECK_INTERVAL;
            String range = ranged && !(e instanceof NumberFormatException) && e.getMessage() != null
                    && e.getMessage().startsWith("redis.") ? " (" + e.getMessage() + ")" : "";
            builder.problem(name + "=\"" + value + "\" (" + source + ") is not " + noun + "; use " + form.hint()
                    + range);
        }
    }

    private static boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        } else if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + v);
    }

    private void unknown(String name, String value, String source, boolean environment) {
        String suggestion = environment ? suggestVariable(name, value) : suggestProperty(name, value);
        StringBuilder message = new StringBuilder("unknown setting ").append(name).append(" (").append(source)
                .append(')');
        if (suggestion != null) {
            message.append("; did you mean ").append(suggestion).append('?');
        } else {
            message.append("; the settings are ");
            SettingName[] all = SettingName.values();
            for (int i = 0; i < all.length; i++) {
                message.append(i == 0 ? "" : ", ")
                        .append(environment ? all[i].environmentVariable() : all[i].property());
            }
        }
        builder.problem(message.toString());
    }

    private static boolean isOperationTtl(String name) {
        return name.length() > SettingName.TTL_PREFIX.length() && name.startsWith(SettingName.TTL_PREFIX);
    }

    /** The known property name closest to {@code name}, or {@code null} if none is close. */
    static String suggestProperty(String name, String value) {
        if (!name.startsWith(SettingName.PREFIX)) {
            String prefixed = SettingName.PREFIX + name;
            if (SettingName.ofProperty(prefixed).isPresent() || isOperationTtl(prefixed)) {
                return prefixed;
            }
            if (name.indexOf('.') < 0 && isDuration(value)) {
                return SettingName.TTL_PREFIX + name; // "summarize=2h": an operation TTL without its prefix
            }
            name = prefixed;
        }
        List<String> candidates = new ArrayList<>();
        for (SettingName s : SettingName.values()) {
            if (!s.family()) {
                candidates.add(s.property());
            }
        }
        String familyCandidate = null;
        int dot = name.indexOf('.', SettingName.PREFIX.length());
        if (dot > 0 && dot + 1 < name.length() && isDuration(value)) {
            familyCandidate = SettingName.TTL_PREFIX + name.substring(dot + 1);
        }
        return closest(name, candidates, familyCandidate);
    }

    /** The known environment variable closest to {@code variable}, or {@code null} if none is close. */
    static String suggestVariable(String variable, String value) {
        List<String> candidates = new ArrayList<>();
        for (SettingName s : SettingName.values()) {
            if (!s.family()) {
                candidates.add(s.environmentVariable());
            }
        }
        String familyCandidate = null;
        int sep = variable.indexOf('_', SettingName.ENV_PREFIX.length());
        if (sep > 0 && sep + 1 < variable.length() && isDuration(value)) {
            familyCandidate = SettingName.TTL_ENV_PREFIX + variable.substring(sep + 1);
        }
        return closest(variable, candidates, familyCandidate);
    }

    private static boolean isParsable(String duration) {
        try {
            Durations.parse(duration);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDuration(String value) {
        try {
            Duration d = Durations.parse(value);
            return !d.isNegative() && !d.isZero();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A fixed candidate wins ties over the per-operation TTL candidate, which only names what the user wrote. */
    private static String closest(String name, List<String> candidates, String familyCandidate) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance && d <= maxDistance(c)) {
                best = c;
                bestDistance = d;
            }
        }
        if (familyCandidate != null && !familyCandidate.equals(name)) {
            int d = distance(name, familyCandidate);
            if (d < bestDistance && d <= 2) {
                best = familyCandidate;
            }
        }
        return best;
    }

    private static int maxDistance(String candidate) {
        return Math.max(3, candidate.length() / 5);
    }

    /** Edit distance with adjacent transpositions (optimal string alignment), ignoring case. */
    static int distance(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
