package io.cacheweave.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
                + instead.environmentVariable() + ", 1 to " + RedisSettings.MAX_CONNECTIONS + ", default "
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
        } else if (SettingName.NOT_RUNTIME_PREFIXES.stream().noneMatch(name::startsWith)) {
            unknown(name, value, source, false);
        }
    }

    /** @param operation the family member (operation or data type) of a family setting, else {@code null} */
    private void set(SettingName setting, String operation, String name, String value, String source) {
        String v = value.trim();
        try {
            SettingSetter.apply(builder, setting, operation, v);
        } catch (IllegalArgumentException e) { // NumberFormatException too; builders reject values out of range
            SettingName.Form form = setting.form();
            String noun = form == SettingName.Form.DURATION && SettingSuggestions.isParsable(v) ? "a positive duration"
                    : form.noun();
            boolean ranged = setting == SettingName.REDIS_CONNECTIONS
                    || setting == SettingName.REDIS_HEALTH_CHECK_INTERVAL;
            String range = ranged && !(e instanceof NumberFormatException) && e.getMessage() != null
                    && e.getMessage().startsWith("redis.") ? " (" + e.getMessage() + ")" : "";
            builder.problem(name + "=\"" + value + "\" (" + source + ") is not " + noun + "; use " + form.hint()
                    + range);
        }
    }

    private void unknown(String name, String value, String source, boolean environment) {
        String suggestion = environment ? SettingSuggestions.suggestVariable(name, value)
                : SettingSuggestions.suggestProperty(name, value);
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

    static boolean isOperationTtl(String name) {
        return name.length() > SettingName.TTL_PREFIX.length() && name.startsWith(SettingName.TTL_PREFIX);
    }
}
