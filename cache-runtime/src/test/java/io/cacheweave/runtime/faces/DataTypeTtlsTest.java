package io.cacheweave.runtime.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataTypeTtlsTest {

    @Test
    void ttl_builtInDefaults() {
        DataTypeTtls ttls = DataTypeTtls.create(Settings.create());
        assertEquals(Duration.ofMinutes(5), ttls.ttl("system-config"));
        assertEquals(Duration.ofHours(24), ttls.ttl("user-preferences"));
        assertEquals(Duration.ofHours(1), ttls.ttl("prompt-analysis"));
        assertEquals(Duration.ofHours(2), ttls.ttl("ml-predictions"));
        assertEquals(Duration.ofMinutes(1), ttls.ttl("rate-limit"));
    }

    @Test
    void ttl_unknownDataType_isTheDefaultTtl() {
        assertEquals(Duration.ofHours(1), DataTypeTtls.create(Settings.create()).ttl("sessions"));
        Settings s = Settings.builder().core(c -> c.defaultTtl(Duration.ofMinutes(7))).build();
        assertEquals(Duration.ofMinutes(7), DataTypeTtls.create(s).ttl("sessions"));
    }

    @Test
    void ttl_namesComparedLowerCasedWithUnderscoresAsDashes() {
        DataTypeTtls ttls = DataTypeTtls.create(Settings.create());
        assertEquals(Duration.ofMinutes(5), ttls.ttl("SYSTEM_CONFIG"));
        assertEquals(Duration.ofMinutes(5), ttls.ttl(" system_config "));
    }

    @Test
    void ttl_configuredBeatsBuiltIn() {
        Settings s = Settings.builder().faces(f -> f.dataTypeTtl("SYSTEM_CONFIG", Duration.ofSeconds(30))
                .dataTypeTtl("sessions", Duration.ofMinutes(20))).build();
        DataTypeTtls ttls = DataTypeTtls.create(s);
        assertEquals(Duration.ofSeconds(30), ttls.ttl("system-config"));
        assertEquals(Duration.ofMinutes(20), ttls.ttl("sessions"));
        assertEquals(Duration.ofHours(24), ttls.ttl("user-preferences"));
    }

    @Test
    void ttl_overrideWinsWhenGiven() {
        DataTypeTtls ttls = DataTypeTtls.create(Settings.create());
        assertEquals(Duration.ofSeconds(9), ttls.ttl("system-config", Duration.ofSeconds(9)));
        assertEquals(Duration.ofMinutes(5), ttls.ttl("system-config", null));
    }

    @Test
    void ttl_badInput_rejectedNamingIt() {
        DataTypeTtls ttls = DataTypeTtls.create(Settings.create());
        assertEquals("ttl override must be positive: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> ttls.ttl("system-config", Duration.ofSeconds(-1))).getMessage());
        assertEquals("ttl override must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> ttls.ttl("system-config", Duration.ZERO)).getMessage());
        assertEquals("data type must not be null",
                assertThrows(IllegalArgumentException.class, () -> ttls.ttl(null)).getMessage());
        assertEquals("data type must not be empty: \" \"",
                assertThrows(IllegalArgumentException.class, () -> ttls.ttl(" ")).getMessage());
    }
}
