package io.cacheweave.spring;

import io.cacheweave.runtime.config.SettingName;
import io.cacheweave.runtime.config.SettingValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * The Redis an application already configured for Spring Data ({@code spring.data.redis.*}), as Cacheweave settings:
 * used when no {@code cacheweave.redis.url} (or {@code REDIS_URL}) is set, so an application that talks to Redis needs
 * no new setting. Read: {@code url} (which wins over host, port, username and password, as in Spring Boot),
 * {@code host}, {@code port}, {@code username}, {@code password}, {@code database}, {@code ssl.enabled},
 * {@code timeout}, {@code sentinel.master} and {@code sentinel.nodes}, {@code cluster.nodes}. Nothing is used unless
 * {@code url}, {@code host}, {@code port}, {@code sentinel.nodes} or {@code cluster.nodes} is set: Spring Boot's
 * default of {@code localhost:6379} is never assumed.
 */
final class SpringDataRedisSettings {
    static final String PREFIX = "spring.data.redis.";
    private static final String SOURCE = "from spring.data.redis.";

    private SpringDataRedisSettings() {
    }

    /**
     * @param environment the application's environment
     * @param timeoutSet whether {@code cacheweave.redis.timeout} is set (then {@code spring.data.redis.timeout} is not
     *     used)
     * @return the settings of the Redis it configures for Spring Data, empty when it configures none
     * @throws CacheweaveConfigurationException if {@code spring.data.redis.url} is not a Redis URL
     */
    static List<SettingValue> values(Environment environment, boolean timeoutSet) {
        Binder binder = Binder.get(environment);
        String url = text(binder, "url");
        String host = text(binder, "host");
        Integer port = binder.bind(PREFIX + "port", Integer.class).orElse(null);
        String sentinelNodes = text(binder, "sentinel.nodes");
        String clusterNodes = text(binder, "cluster.nodes");
        if (url == null && host == null && port == null && sentinelNodes == null && clusterNodes == null) {
            return List.of();
        }
        boolean ssl = binder.bind(PREFIX + "ssl.enabled", Boolean.class).orElse(false);
        String username = text(binder, "username");
        String password = text(binder, "password");
        Integer database = binder.bind(PREFIX + "database", Integer.class).orElse(null);
        List<SettingValue> values = new ArrayList<>();
        String redisUrl;
        String from;
        if (url != null) {
            redisUrl = checkedUrl(url, origin(environment, "url"), ssl, database);
            from = "url";
        } else if (sentinelNodes != null) {
            String master = text(binder, "sentinel.master");
            String sentinelPassword = text(binder, "sentinel.password");
            String secret = sentinelPassword != null ? sentinelPassword : password;
            redisUrl = "redis-sentinel://" + (secret == null ? "" : encode(secret) + "@") + sentinelNodes.replace(" ", "")
                    + (database == null ? "" : "/" + database) + (master == null ? "" : "#" + master);
            from = "sentinel.nodes";
        } else {
            String hosts = clusterNodes != null ? clusterNodes.replace(" ", "")
                    : (host == null ? "localhost" : host) + ":" + (port == null ? 6379 : port);
            redisUrl = (ssl ? "rediss://" : "redis://") + userInfo(username, password) + hosts
                    + (database == null || clusterNodes != null ? "" : "/" + database);
            from = clusterNodes != null ? "cluster.nodes" : "host";
            if (clusterNodes != null) {
                values.add(new SettingValue(SettingName.REDIS_CLUSTER.property(), "true", SOURCE + "cluster.nodes"));
            }
        }
        values.add(0, new SettingValue(SettingName.REDIS_URL.property(), redisUrl, SOURCE + from));
        Duration timeout = binder.bind(PREFIX + "timeout", Duration.class).orElse(null);
        if (timeout != null && !timeoutSet && !timeout.isNegative() && !timeout.isZero()) {
            values.add(new SettingValue(SettingName.REDIS_TIMEOUT.property(), timeout.toString(), SOURCE + "timeout"));
        }
        return values;
    }

    /** @return the URL, upgraded to TLS or given a database when the other properties ask for it */
    private static String checkedUrl(String url, String origin, boolean ssl, Integer database) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalidUrl(url, origin, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalidUrl(url, origin, "the scheme must be redis or rediss");
        }
        if (uri.getHost() == null) {
            throw invalidUrl(url, origin, "it names no host");
        }
        String result = url.strip();
        if (ssl && scheme.equals("redis")) {
            result = "rediss" + result.substring("redis".length());
        }
        if (database != null && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
            result = result.replaceAll("/$", "") + "/" + database;
        }
        return result;
    }

    private static CacheweaveConfigurationException invalidUrl(String url, String origin, String reason) {
        return new CacheweaveConfigurationException(List.of(PREFIX + "url=\"" + redact(url) + "\" (" + origin
                + ") is not a Redis URL (" + reason + "); use redis://[username:password@]host[:port][/database], "
                + "or rediss:// for TLS, such as redis://localhost:6379/0"));
    }

    /** @return the URL with the password, if any, replaced by {@code ***} */
    private static String redact(String url) {
        return url.replaceAll("(//[^/@:]*:)[^@/]*@", "$1***@");
    }

    private static String userInfo(String username, String password) {
        if (password == null) {
            return username == null ? "" : encode(username) + "@";
        }
        return (username == null ? "" : encode(username)) + ":" + encode(password) + "@";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String text(Binder binder, String property) {
        String value = binder.bind(PREFIX + property, String.class).map(String::strip).orElse(null);
        return value == null || value.isEmpty() ? null : value;
    }

    /** @return where a {@code spring.data.redis} property was written */
    private static String origin(Environment environment, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(PREFIX + property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found.getOrigin() != null ? found.getOrigin().toString() : String.valueOf(source);
            }
        }
        return "environment";
    }
}
