package io.cacheweave.spring;

import io.cacheweave.runtime.config.SettingName;
import io.cacheweave.runtime.config.SettingValue;
import io.cacheweave.runtime.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Reads every {@code cacheweave.*} setting from Spring's {@link ConfigurableEnvironment} into the runtime's own
 * settings loader, by setting name: the property sources are visited from the lowest precedence to the highest (so
 * the value Spring would resolve wins), names are matched relaxed ({@code cacheweave.l1.maxEntries},
 * {@code cacheweave.l1.max_entries}, {@code CACHEWEAVE_L1_MAXENTRIES} and {@code CACHEWEAVE_L1_MAX_ENTRIES} are all
 * {@code cacheweave.l1.max-entries}), and each value is reported under its origin ({@code class path resource
 * [application.properties] - 3:24}). Profiles are Spring's: a profile's document is one more property source.
 *
 * <p>The starter's own settings ({@value #STARTER_PREFIX}*) and its chat cache's ({@value #LLM_PREFIX}*, bound by
 * Spring to {@code CacheweaveChatProperties}) are not the runtime's and are left out here.
 */
final class EnvironmentSettings {
    /** Prefix of the settings that belong to the starter, not the runtime. */
    static final String STARTER_PREFIX = "cacheweave.spring.";
    private static final String ENV_STARTER_PREFIX = "CACHEWEAVE_SPRING_";
    /** Prefix of the chat cache's settings, which Spring binds (the starter's, not the runtime's). */
    static final String LLM_PREFIX = "cacheweave.llm.";
    private static final String ENV_LLM_PREFIX = "CACHEWEAVE_LLM_";

    private EnvironmentSettings() {
    }

    /**
     * @param environment the application's environment
     * @return every {@code cacheweave.*} value it holds, lowest precedence first, each by its setting name
     */
    static List<SettingValue> values(ConfigurableEnvironment environment) {
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(sources::add);
        List<SettingValue> values = new ArrayList<>();
        for (int i = sources.size() - 1; i >= 0; i--) {
            PropertySource<?> source = sources.get(i);
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
                    || !(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue; // the attached source is a view of the others; random.* and the like list no names
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            List<String> names = new ArrayList<>(new TreeSet<>(List.of(enumerable.getPropertyNames())));
            if (variables) { // CACHEWEAVE_REDIS_URL overrides REDIS_URL (and so on), as in the runtime
                List<String> aliases = names.stream().filter(EnvironmentSettings::isAlias).toList();
                names.removeAll(aliases);
                names.addAll(0, aliases);
            }
            for (String name : names) {
                Optional<String> setting = variables ? fromVariable(name) : fromProperty(name);
                Object raw = enumerable.getProperty(name);
                if (setting.isEmpty() || raw == null) {
                    continue;
                }
                String value = environment.resolvePlaceholders(String.valueOf(raw));
                values.add(new SettingValue(setting.get(), value, origin(source, name, variables)));
            }
        }
        return values;
    }

    /** @return the setting a property of a Spring source names, as the runtime's loader knows names */
    static Optional<String> fromProperty(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(SettingName.PREFIX) || lower.startsWith(STARTER_PREFIX) || lower.startsWith(LLM_PREFIX)
                || lower.equals(Settings.AGENT_ARGUMENTS_PROPERTY)) {
            return Optional.empty();
        }
        String written = name.replace("[", ".").replace("]", ""); // cacheweave.ttl[my.op]: a map key in brackets
        ConfigurationPropertyName relaxed = relaxed(written);
        for (SettingName s : SettingName.values()) {
            if (relaxed != null && !s.family() && ConfigurationPropertyName.of(s.property()).equals(relaxed)) {
                return Optional.of(s.property());
            }
        }
        String lowerWritten = written.toLowerCase(Locale.ROOT);
        for (String family : new String[] {SettingName.TTL_TYPE_PREFIX, SettingName.AI_TTL_PREFIX,
                SettingName.TTL_PREFIX}) {
            if (lowerWritten.startsWith(family) && written.length() > family.length()) {
                return Optional.of(family + written.substring(family.length())); // the operation as written
            }
        }
        return Optional.of(written); // unknown: the loader names it, with a did-you-mean
    }

    /** @return the name in Spring's relaxed form, compared ignoring case, dashes and underscores; null if none */
    private static ConfigurationPropertyName relaxed(String name) {
        try {
            return ConfigurationPropertyName.adapt(name, '.');
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the setting an environment variable names, by the runtime's rules and by Spring's relaxed ones */
    static Optional<String> fromVariable(String variable) {
        if (isAlias(variable)) {
            return Optional.of(variable); // the runtime's loader applies it, or tells what to set instead
        }
        if (!variable.startsWith(SettingName.ENV_PREFIX) || variable.startsWith(ENV_STARTER_PREFIX)
                || variable.startsWith(ENV_LLM_PREFIX)) {
            return Optional.empty();
        }
        Optional<SettingName> exact = SettingName.ofEnvironmentVariable(variable);
        if (exact.isPresent()) {
            return Optional.of(exact.get().property());
        }
        String squeezed = variable.replace("_", "");
        for (SettingName s : SettingName.values()) { // Spring's form drops the dash: CACHEWEAVE_L1_MAXENTRIES
            if (!s.family() && s.environmentVariable().replace("_", "").equals(squeezed)) {
                return Optional.of(s.property());
            }
        }
        if (variable.length() > SettingName.TTL_TYPE_ENV_PREFIX.length()
                && variable.startsWith(SettingName.TTL_TYPE_ENV_PREFIX)) {
            return Optional.of(SettingName.TTL_TYPE_PREFIX
                    + variable.substring(SettingName.TTL_TYPE_ENV_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        if (variable.length() > SettingName.AI_TTL_ENV_PREFIX.length()
                && variable.startsWith(SettingName.AI_TTL_ENV_PREFIX)) {
            return Optional.of(SettingName.AI_TTL_PREFIX
                    + variable.substring(SettingName.AI_TTL_ENV_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        if (variable.length() > SettingName.TTL_ENV_PREFIX.length()
                && variable.startsWith(SettingName.TTL_ENV_PREFIX)) {
            return Optional.of(SettingName.TTL_PREFIX
                    + variable.substring(SettingName.TTL_ENV_PREFIX.length()).toLowerCase(Locale.ROOT));
        }
        return Optional.of(variable.toLowerCase(Locale.ROOT).replace('_', '.')); // unknown, with a did-you-mean
    }

    /** @return whether the variable is one of another Redis client's that the runtime reads (REDIS_URL, ...) */
    static boolean isAlias(String variable) {
        return SettingName.ENVIRONMENT_ALIASES.containsKey(variable)
                || SettingName.UNUSED_ALIASES.containsKey(variable);
    }

    /** @return where a value was written: its origin when Spring tracks one, else the property source */
    @SuppressWarnings("unchecked")
    static String origin(PropertySource<?> source, String name, boolean variable) {
        if (variable) {
            return "environment variable " + name;
        }
        if (source instanceof OriginLookup<?> lookup) {
            Origin origin = ((OriginLookup<String>) lookup).getOrigin(name);
            if (origin != null) {
                return origin.toString();
            }
        }
        return source.getName();
    }
}
