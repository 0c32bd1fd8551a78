package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long each kind of data lives: the TTL of a data type from {@code cacheweave.ttl.type.<data-type>}, with a
 * per-call override. Immutable and thread-safe.
 *
 * <p>Built-in defaults ({@link FaceSettings#dataTypeTtls()}), after how volatile each kind of data is:
 *
 * <table>
 *   <caption>Built-in data-type TTLs</caption>
 *   <tr><th>data type</th><th>TTL</th></tr>
 *   <tr><td>{@code rate-limit}</td><td>1 min</td></tr>
 *   <tr><td>{@code system-config}</td><td>5 min</td></tr>
 *   <tr><td>{@code prompt-analysis}</td><td>1 h</td></tr>
 *   <tr><td>{@code ml-predictions}</td><td>2 h</td></tr>
 *   <tr><td>{@code user-preferences}</td><td>24 h</td></tr>
 * </table>
 *
 * Any other data type lives {@code cacheweave.ttl.default} (1 h unless configured). Data-type names are compared
 * lower-cased with {@code _} read as {@code -}: {@code SYSTEM_CONFIG}, {@code system_config} and
 * {@code system-config} are one data type.
 */
public final class DataTypeTtls {

    private final Map<String, Duration> ttls;
    private final Duration fallback;

    private DataTypeTtls(Map<String, Duration> ttls, Duration fallback) {
        this.ttls = ttls;
        this.fallback = fallback;
    }

    /**
     * @param settings the runtime's settings
     * @return the data-type TTLs they configure
     */
    public static DataTypeTtls create(Settings settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        return new DataTypeTtls(Map.copyOf(settings.faces().dataTypeTtls()), settings.core().defaultTtl());
    }

    /**
     * @param dataType a data type, such as {@code user-preferences}
     * @return its configured or built-in TTL, else {@code cacheweave.ttl.default}
     * @throws IllegalArgumentException if {@code dataType} is {@code null} or blank
     */
    public Duration ttl(String dataType) {
        if (dataType == null) {
            throw new IllegalArgumentException("data type must not be null");
        }
        return ttls.getOrDefault(FaceSettings.dataTypeName(dataType), fallback);
    }

    /**
     * @param dataType a data type
     * @param override a TTL for this call, or {@code null} for the data type's
     * @return {@code override} when given, else {@link #ttl(String)}
     * @throws IllegalArgumentException if {@code override} is zero or negative, or {@code dataType} is bad
     */
    public Duration ttl(String dataType, Duration override) {
        Duration configured = ttl(dataType);
        if (override == null) {
            return configured;
        }
        if (override.isNegative() || override.isZero()) {
            throw new IllegalArgumentException("ttl override must be positive: " + override);
        }
        return override;
    }

    @Override
    public String toString() {
        return "DataTypeTtls" + ttls + ", otherwise " + fallback;
    }
}
