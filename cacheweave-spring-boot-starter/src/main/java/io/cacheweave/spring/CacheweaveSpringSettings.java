package io.cacheweave.spring;

import io.cacheweave.runtime.config.SettingName;
import io.cacheweave.runtime.config.SettingValue;
import io.cacheweave.runtime.config.Settings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings of the application's Cacheweave runtime, read from Spring's {@code Environment}, and the starter's
 * own. A malformed {@code cacheweave.*} value or an unusable {@code spring.data.redis.url} stops start-up
 * ({@link CacheweaveConfigurationException}); an unknown {@code cacheweave.*} name is a warning (with a did-you-mean),
 * as Spring ignores unknown properties, and the application runs on.
 *
 * @param settings the runtime's settings
 * @param allowNullValues {@code cacheweave.spring.allow-null-values}: whether Spring caches store {@code null}
 * @param meters whether the runtime's meters go to the application's {@code MeterRegistry}
 *     ({@code cacheweave.micrometer.enabled})
 * @param warnings what the application can run on with, one message each
 */
public record CacheweaveSpringSettings(Settings settings, boolean allowNullValues, boolean meters,
        List<String> warnings) {

    /** The source named for the setting the starter adds. */
    static final String STARTER = "cacheweave-spring-boot-starter: meters go to the application's MeterRegistry";

    /**
     * @param environment the application's environment
     * @param resources where to look for {@code cacheweave.properties} (lowest precedence)
     * @return the settings
     * @throws CacheweaveConfigurationException naming every value that cannot be used
     */
    public static CacheweaveSpringSettings load(ConfigurableEnvironment environment, ClassLoader resources) {
        List<SettingValue> values = new ArrayList<>(EnvironmentSettings.values(environment));
        List<String> fatal = new ArrayList<>();
        for (SettingValue v : values) {
            if (known(v.name())) {
                fatal.addAll(Settings.load(null, List.of(v)).problems());
            }
        }
        Settings first = Settings.load(resources, values);
        if (first.redis().url().isEmpty() && first.file().directory().isEmpty()) {
            boolean timeoutSet = values.stream().anyMatch(v -> v.name().equals(SettingName.REDIS_TIMEOUT.property())
                    || SettingName.ENVIRONMENT_ALIASES.get(v.name()) == SettingName.REDIS_TIMEOUT);
            try {
                values.addAll(SpringDataRedisSettings.values(environment, timeoutSet));
            } catch (CacheweaveConfigurationException e) {
                fatal.addAll(e.problems());
            }
        }
        if (!fatal.isEmpty()) {
            throw new CacheweaveConfigurationException(fatal);
        }
        values.add(new SettingValue(SettingName.MICROMETER_ENABLED.property(), "false", STARTER));
        Settings settings = Settings.load(resources, values);
        boolean allowNull = Binder.get(environment).bind(EnvironmentSettings.STARTER_PREFIX + "allow-null-values",
                Boolean.class).orElse(true);
        List<String> warnings = new ArrayList<>(settings.problems());
        warnings.addAll(settings.notices());
        return new CacheweaveSpringSettings(settings, allowNull, first.telemetry().micrometerEnabled(),
                List.copyOf(warnings));
    }

    /** @return whether the runtime knows the name: one setting, or a member of a family */
    static boolean known(String name) {
        return SettingName.ofProperty(name).isPresent() || EnvironmentSettings.isAlias(name)
                || (name.startsWith(SettingName.TTL_PREFIX) && name.length() > SettingName.TTL_PREFIX.length())
                || (name.startsWith(SettingName.AI_TTL_PREFIX) && name.length() > SettingName.AI_TTL_PREFIX.length());
    }
}
