package io.cacheweave.runtime.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The process-wide runtime's HTTP stats page ({@code cacheweave.stats.http.*}). Part of {@link Settings}:
 * {@link Settings#statsPage()}. Immutable: {@link #builder()}, {@link #create()} (the defaults), {@link #mutate()}.
 */
public final class StatsPageSettings {

    private static final StatsPageSettings DEFAULTS = builder().build();

    private final boolean enabled;
    private final String bind;
    private final int port;
    private final Duration refresh;

    private StatsPageSettings(Builder b) {
        enabled = b.enabled;
        bind = b.bind;
        port = b.port;
        refresh = b.refresh;
    }

    /** @return the defaults */
    public static StatsPageSettings create() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder mutate() {
        return new Builder(this);
    }

    /** @return {@code cacheweave.stats.http.enabled}: whether the stats page is served; default false */
    public boolean enabled() {
        return enabled;
    }

    /** @return {@code cacheweave.stats.http.bind}: the address the page listens on; default {@code 127.0.0.1} */
    public String bind() {
        return bind;
    }

    /** @return {@code cacheweave.stats.http.port}: the page's port, {@code 0} for any free port; default 7979 */
    public int port() {
        return port;
    }

    /** @return {@code cacheweave.stats.http.refresh}: how often the open page fetches a new snapshot; default 2 s */
    public Duration refresh() {
        return refresh;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatsPageSettings p && enabled == p.enabled && bind.equals(p.bind) && port == p.port
                && refresh.equals(p.refresh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, bind, port, refresh);
    }

    @Override
    public String toString() {
        return "stats.http=" + (enabled ? bind + ":" + port + " every " + refresh : "off");
    }

    /** Builds {@link StatsPageSettings}; each setter checks its value and names the setting when it refuses it. */
    public static final class Builder {
        private boolean enabled;
        private String bind = "127.0.0.1";
        private int port = 7979;
        private Duration refresh = Duration.ofSeconds(2);

        private Builder() {
        }

        private Builder(StatsPageSettings s) {
            enabled = s.enabled;
            bind = s.bind;
            port = s.port;
            refresh = s.refresh;
        }

        /** @param enabled see {@link StatsPageSettings#enabled()} @return this builder */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @param address see {@link StatsPageSettings#bind()}, a host name or IP address @return this builder */
        public Builder bind(String address) {
            Objects.requireNonNull(address, "stats.http.bind must not be null");
            if (address.isBlank() || address.strip().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("stats.http.bind must be a host name or address: " + address);
            }
            this.bind = address.strip();
            return this;
        }

        /** @param port see {@link StatsPageSettings#port()}, 0 to 65535 @return this builder */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("stats.http.port must be from 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** @param refresh see {@link StatsPageSettings#refresh()}, positive @return this builder */
        public Builder refresh(Duration refresh) {
            this.refresh = Checks.positive("stats.http.refresh", refresh);
            return this;
        }

        /** @return the settings */
        public StatsPageSettings build() {
            return new StatsPageSettings(this);
        }
    }
}
