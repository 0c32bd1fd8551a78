package io.cacheweave.runtime.config;

import java.util.Objects;

/**
 * One named setting value from a configuration source that Cacheweave does not read itself, such as a framework's
 * environment; see {@link Settings#load(ClassLoader, java.util.List)}.
 *
 * @param name the setting's property name, such as {@code cacheweave.ttl.default} or {@code cacheweave.ttl.summarize}
 * @param value the value as written, such as {@code 2h}
 * @param source where it was written, for messages, such as {@code class path resource [application.yml] - 3:12}
 */
public record SettingValue(String name, String value, String source) {

    /** @throws NullPointerException if any component is null */
    public SettingValue {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(source, "source must not be null");
    }
}
