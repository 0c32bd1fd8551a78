package io.cacheweave.runtime.config;

/** Reads the configuration sources into {@link Settings}. */
final class SettingsLoader {
    private SettingsLoader() {
    }

    static Settings load() {
        return Settings.builder().build();
    }
}
